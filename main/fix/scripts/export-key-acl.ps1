# ndes-doctor-script: fix/export-key-acl
# Backup: the private key file's security descriptor (SDDL) before Read is granted.
$file = Get-KeyFile -Thumbprint $Thumbprint
(Get-Acl -LiteralPath $file).Sddl | Set-Content -LiteralPath $Out -Encoding ASCII
Write-Output "Saved the ACL of $file to $Out"
