# ndes-doctor-script: template-oids
# commands/template-oids.json: name, display name and OID of every certificate template in the
# forest's configuration partition, to name the 1.3.6.1.4.1.311.21.7 OIDs found in certificates.
# Read with [adsisearcher]: no RSAT module is needed or installed.
$configurationNc = ([ADSI]'LDAP://RootDSE').configurationNamingContext
$searcher = [adsisearcher]'(objectClass=pKICertificateTemplate)'
$searcher.SearchRoot = [ADSI]"LDAP://CN=Certificate Templates,CN=Public Key Services,CN=Services,$configurationNc"
$searcher.PageSize = 500
$searcher.PropertiesToLoad.AddRange([string[]]@('name', 'displayName', 'msPKI-Cert-Template-OID'))
$rows = foreach ($r in $searcher.FindAll()) {
    $p = $r.Properties
    [pscustomobject][ordered]@{
        Name = "$($p['name'])"
        DisplayName = "$($p['displayname'])"
        Oid = "$($p['mspki-cert-template-oid'])"
    }
}
Write-Utf8Text (ConvertTo-Json -InputObject @($rows))
