# ndes-doctor-script: local-groups
# commands/local-groups.json: members of IIS_IUSRS (S-1-5-32-568) and Administrators (S-1-5-32-544),
# looked up by SID because group names are localized. Get-LocalGroupMember fails on a group that
# holds an orphaned SID ("Failed to compare two elements in the array"); ADSI WinNT still lists it.
function Get-MemberBySid {
    param([string]$Sid)
    $members = $null
    try {
        $members = @(Get-LocalGroupMember -SID $Sid)
    } catch {
        $members = $null
    }
    if ($null -ne $members) {
        foreach ($m in $members) {
            [pscustomobject][ordered]@{
                Name = $m.Name
                SID = $m.SID.Value
                ObjectClass = "$($m.ObjectClass)"
                PrincipalSource = "$($m.PrincipalSource)"
            }
        }
    } else {
        $account = [System.Security.Principal.SecurityIdentifier]::new($Sid).Translate([System.Security.Principal.NTAccount])
        $groupName = $account.Value.Split('\')[-1]
        $group = [ADSI]"WinNT://./$groupName,group"
        foreach ($member in @($group.psbase.Invoke('Members'))) {
            $type = $member.GetType()
            $adsPath = $type.InvokeMember('ADsPath', 'GetProperty', $null, $member, $null)
            $class = $type.InvokeMember('Class', 'GetProperty', $null, $member, $null)
            $parts = @($adsPath -replace '^WinNT://', '' -split '/')
            # An orphaned SID has no account behind it: its ADsPath is the SID itself.
            $memberSid = $parts[-1]
            try {
                $sidBytes = $type.InvokeMember('objectSid', 'GetProperty', $null, $member, $null)
                $memberSid = [System.Security.Principal.SecurityIdentifier]::new([byte[]]$sidBytes, 0).Value
            } catch {
                $memberSid = $parts[-1]
            }
            $memberName = $parts[-1]
            if ($parts.Count -ge 2) { $memberName = $parts[-2] + '\' + $parts[-1] }
            [pscustomobject][ordered]@{
                Name = $memberName
                SID = $memberSid
                ObjectClass = $class
                PrincipalSource = 'Unknown'
            }
        }
    }
}
$groups = [ordered]@{
    'S-1-5-32-568' = @(Get-MemberBySid -Sid 'S-1-5-32-568')
    'S-1-5-32-544' = @(Get-MemberBySid -Sid 'S-1-5-32-544')
}
Write-Utf8Text ([pscustomobject]$groups | ConvertTo-Json -Depth 4)
