# ndes-doctor-script: relaunch-elevated
# Starts NDES Doctor again elevated: Windows shows its UAC consent prompt, nothing else changes.
# $FilePath is the program, $ArgumentList its command line, quoted by the caller.
if ($ArgumentList) {
    Start-Process -FilePath $FilePath -ArgumentList $ArgumentList -WorkingDirectory $WorkingDirectory -Verb RunAs
} else {
    Start-Process -FilePath $FilePath -WorkingDirectory $WorkingDirectory -Verb RunAs
}
