"""The Textual face of mldwizard. Only imported by the commands that open the wizard."""
