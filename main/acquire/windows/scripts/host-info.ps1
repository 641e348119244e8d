# ndes-doctor-script: host-info
# Who and where: host names, elevation, UI culture, time zone and OEM code page for manifest.json.
# Elevation is tested against the Administrators SID (S-1-5-32-544): group names are localized,
# and a UAC-filtered token holds that SID only as deny-only, so IsInRole answers false.
$cs = Get-CimInstance -ClassName Win32_ComputerSystem
$identity = [System.Security.Principal.WindowsIdentity]::GetCurrent()
$principal = [System.Security.Principal.WindowsPrincipal]::new($identity)
$admins = [System.Security.Principal.SecurityIdentifier]::new('S-1-5-32-544')
$zone = [System.TimeZoneInfo]::Local
$oem = $null
$nls = Get-ItemProperty -Path 'HKLM:\SYSTEM\CurrentControlSet\Control\Nls\CodePage' -ErrorAction SilentlyContinue
if ($nls) { $oem = [int]$nls.OEMCP }
$dnsHostName = $cs.DNSHostName
if ($cs.PartOfDomain) { $dnsHostName = "$($cs.DNSHostName).$($cs.Domain)" }
$info = [ordered]@{
    ComputerName = $env:COMPUTERNAME
    DnsHostName = $dnsHostName
    Domain = $cs.Domain
    PartOfDomain = $cs.PartOfDomain
    Elevated = $principal.IsInRole($admins)
    UserName = $identity.Name
    Culture = (Get-UICulture).Name
    TimeZone = $zone.Id
    UtcOffsetMinutes = [int]$zone.GetUtcOffset([System.DateTime]::UtcNow).TotalMinutes
    OemCodePage = $oem
    PowerShellVersion = "$($PSVersionTable.PSVersion)"
}
Write-Utf8Text ([pscustomobject]$info | ConvertTo-Json)
