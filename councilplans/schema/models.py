"""SQLAlchemy models: documents, their tables (with the column mapping used), records.

Text fields of records mirror ``normalise.model.Record``; provenance (page, table, row) is
kept on every record so any row in an export can be found again in the source file.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Organisation(Base):
    __tablename__ = "organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str | None] = mapped_column(String(40))
    aliases: Mapped[list[OrganisationAlias]] = relationship(
        back_populates="organisation", cascade="all, delete-orphan"
    )


class OrganisationAlias(Base):
    __tablename__ = "organisation_aliases"
    __table_args__ = (UniqueConstraint("organisation_id", "alias"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(String(200))
    organisation: Mapped[Organisation] = relationship(back_populates="aliases")


class Theme(Base):
    __tablename__ = "themes"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(80), unique=True)
    label: Mapped[str | None] = mapped_column(String(200))


class Document(Base):
    """One imported file version. Revisions of one plan share ``series_key``."""

    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(500))  # file name
    path: Mapped[str | None] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    format: Mapped[str | None] = mapped_column(String(10))
    title: Mapped[str | None] = mapped_column(Text)
    doc_type: Mapped[str | None] = mapped_column(String(40))
    period_start: Mapped[int | None] = mapped_column(Integer)
    period_end: Mapped[int | None] = mapped_column(Integer)
    doc_version: Mapped[str | None] = mapped_column(String(40))  # as printed (V0.3)
    doc_status: Mapped[str | None] = mapped_column(String(40))  # as printed (Draft)
    pages: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(20))  # imported | partial | failed | no_text
    error: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[list | None] = mapped_column(JSON)
    n_tables: Mapped[int] = mapped_column(Integer, default=0)
    n_records: Mapped[int] = mapped_column(Integer, default=0)
    series_key: Mapped[str] = mapped_column(String(500), index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    previous_id: Mapped[int | None] = mapped_column(Integer)  # the version this one follows
    is_current: Mapped[bool] = mapped_column(Boolean, default=True, index=True)
    imported_at: Mapped[datetime] = mapped_column(DateTime)
    tool_version: Mapped[str | None] = mapped_column(String(20))

    organisations: Mapped[list[Organisation]] = relationship(
        secondary="document_organisations", order_by="DocumentOrganisation.position"
    )
    tables: Mapped[list[SourceTable]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="SourceTable.table_index"
    )
    records: Mapped[list[RecordRow]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="RecordRow.id"
    )


class DocumentOrganisation(Base):
    __tablename__ = "document_organisations"

    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True
    )
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class SourceTable(Base):
    """A table found in a document, whether or not it held plan rows, and why."""

    __tablename__ = "source_tables"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    table_index: Mapped[int] = mapped_column(Integer)
    page: Mapped[int | None] = mapped_column(Integer)
    n_rows: Mapped[int] = mapped_column(Integer)
    n_cols: Mapped[int] = mapped_column(Integer)
    is_plan: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[str | None] = mapped_column(String(20))
    mapping: Mapped[dict | None] = mapped_column(JSON)
    unmapped: Mapped[list | None] = mapped_column(JSON)
    merged_from: Mapped[list | None] = mapped_column(JSON)
    n_records: Mapped[int] = mapped_column(Integer, default=0)
    document: Mapped[Document] = relationship(back_populates="tables")


class RecordRow(Base):
    __tablename__ = "records"
    __table_args__ = (Index("ix_records_document_ref", "document_id", "ref"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    ref: Mapped[str | None] = mapped_column(String(100))
    section: Mapped[str | None] = mapped_column(Text)
    objective: Mapped[str | None] = mapped_column(Text)
    action: Mapped[str | None] = mapped_column(Text)
    output: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(Text)
    indicator: Mapped[str | None] = mapped_column(Text)
    measure: Mapped[str | None] = mapped_column(Text)
    lead: Mapped[str | None] = mapped_column(Text)
    timescale: Mapped[str | None] = mapped_column(Text)
    due_date: Mapped[date | None] = mapped_column(Date)
    start_date: Mapped[date | None] = mapped_column(Date)
    recurrence: Mapped[str | None] = mapped_column(String(40))
    rag: Mapped[str | None] = mapped_column(String(10))
    resources: Mapped[str | None] = mapped_column(Text)
    progress: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str | None] = mapped_column(Text)
    baseline: Mapped[str | None] = mapped_column(Text)
    target: Mapped[str | None] = mapped_column(Text)
    actual: Mapped[str | None] = mapped_column(Text)
    extra: Mapped[dict | None] = mapped_column(JSON)
    page: Mapped[int | None] = mapped_column(Integer)
    table_index: Mapped[int] = mapped_column(Integer)
    row_index: Mapped[int] = mapped_column(Integer)
    document: Mapped[Document] = relationship(back_populates="records")
    organisations: Mapped[list[Organisation]] = relationship(secondary="record_organisations")
    themes: Mapped[list[Theme]] = relationship(secondary="record_themes")


class RecordOrganisation(Base):
    __tablename__ = "record_organisations"

    record_id: Mapped[int] = mapped_column(
        ForeignKey("records.id", ondelete="CASCADE"), primary_key=True
    )
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), primary_key=True)


class RecordTheme(Base):
    __tablename__ = "record_themes"

    record_id: Mapped[int] = mapped_column(
        ForeignKey("records.id", ondelete="CASCADE"), primary_key=True
    )
    theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id"), primary_key=True)
