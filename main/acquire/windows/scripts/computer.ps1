# ndes-doctor-script: computer
# commands/computer.json: domain membership and role (NDES must be a domain member, not a DC).
$json = Get-CimInstance -ClassName Win32_ComputerSystem |
    Select-Object Name, DNSHostName, Domain, PartOfDomain, DomainRole |
    ConvertTo-Json
Write-Utf8Text $json
