"""councilplans: council strategy documents (PDF, DOCX) -> plan rows in a database.

Data flows one way: ``extract`` (document -> raw tables) -> ``normalise`` (raw tables ->
common-schema records) -> ``schema`` (records -> SQL). The CLI only wires the three.
"""

__version__ = "0.1.0"
