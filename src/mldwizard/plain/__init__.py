"""The plain face: one question at a time with questionary, for ssh terminals and scripts."""
