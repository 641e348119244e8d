# ndes-doctor-script: fix/restore-key-acl
# Undo of grant-key-read: puts back the saved access list (DACL only; the owner is left alone).
$file = Get-KeyFile -Thumbprint $Thumbprint
$acl = Get-Acl -LiteralPath $file
$acl.SetSecurityDescriptorSddlForm((Get-Content -LiteralPath $From -Raw).Trim(), 'Access')
Set-Acl -LiteralPath $file -AclObject $acl
Write-Output "Restored the ACL of $file from $From"
