from councilplans.cli import main

main()
