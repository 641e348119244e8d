# ndes-doctor-script: fix/export-group-members
# Backup: the ADSI paths of a local group's members, as JSON, before a member is added.
$group = Get-LocalGroupBySid $GroupSid
$members = @($group.psbase.Invoke('Members') | ForEach-Object { $_.GetType().InvokeMember('ADsPath', 'GetProperty', $null, $_, $null) })
ConvertTo-Json -InputObject ([ordered]@{ GroupSid = $GroupSid; Members = $members }) | Set-Content -LiteralPath $Out -Encoding UTF8
Write-Output "Saved $($members.Count) member(s) of $GroupSid to $Out"
