"""`python -m turquesa` runs the command line."""

from turquesa.cli.app import main

main()
