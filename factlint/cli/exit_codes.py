"""The exit codes every factlint command shares: the contract scripts and CI rely on."""

EXIT_OK = 0  # nothing at or above the fail level
EXIT_FINDINGS = 1  # findings at or above the fail level
EXIT_ERROR = 2  # usage, configuration, rule or file errors
