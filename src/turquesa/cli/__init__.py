"""The `turquesa` command: thin adapters from the terminal to the library."""
