"""The CLI's commands, one module each (see ``docextract.cli``)."""
