# ndes-doctor-script: service-account
# commands/service-account.json: the SCEP app pool identity ($Account) in Active Directory, read
# with [adsisearcher] (System.DirectoryServices), so no RSAT module is needed or installed.
# msDS-User-Account-Control-Computed (lockout, expired password) is a constructed attribute that
# AD returns only on a base-scope read of the object, hence RefreshCache.
$attribute = 'sAMAccountName'
$name = $Account
if ($Account.Contains('\')) {
    $name = $Account.Split('\')[-1]
} elseif ($Account.Contains('@')) {
    $attribute = 'userPrincipalName'
}
# RFC 4515 escaping keeps the account name from altering the LDAP filter.
$escaped = $name -replace '\\', '\5c' -replace '\*', '\2a' -replace '\(', '\28' -replace '\)', '\29'
$searcher = [adsisearcher]"($attribute=$escaped)"
$properties = @('sAMAccountName', 'userPrincipalName', 'objectSid', 'distinguishedName',
    'userAccountControl', 'pwdLastSet', 'accountExpires', 'lockoutTime', 'servicePrincipalName')
$searcher.PropertiesToLoad.AddRange([string[]]$properties)
$found = $searcher.FindOne()
if ($null -eq $found) {
    [System.Console]::Error.WriteLine("The account $Account was not found in Active Directory.")
    exit 1
}
$p = $found.Properties
function Get-First {
    param([string]$Key)
    if ($p[$Key].Count -gt 0) { return $p[$Key][0] }
    return $null
}
$sid = $null
if ($p['objectsid'].Count -gt 0) {
    $sid = [System.Security.Principal.SecurityIdentifier]::new([byte[]]$p['objectsid'][0], 0).Value
}
$entry = $found.GetDirectoryEntry()
$entry.psbase.RefreshCache([string[]]@('msDS-User-Account-Control-Computed'))
$computed = $entry.psbase.Properties['msDS-User-Account-Control-Computed'].Value
$result = [ordered]@{
    sAMAccountName = Get-First 'samaccountname'
    userPrincipalName = Get-First 'userprincipalname'
    objectSid = $sid
    distinguishedName = Get-First 'distinguishedname'
    userAccountControl = Get-First 'useraccountcontrol'
    'msDS-User-Account-Control-Computed' = $computed
    pwdLastSet = Get-First 'pwdlastset'
    accountExpires = Get-First 'accountexpires'
    lockoutTime = Get-First 'lockouttime'
    servicePrincipalName = @($p['serviceprincipalname'])
}
Write-Utf8Text ([pscustomobject]$result | ConvertTo-Json)
