"""The command line: base (Command, options, opening the store), main (the parser) and commands/."""
