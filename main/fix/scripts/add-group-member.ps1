# ndes-doctor-script: fix/add-group-member
# Adds an account to a local group found by SID; "already a member" (0x80070562) is success.
$group = Get-LocalGroupBySid $GroupSid
try {
    $group.Add((Get-MemberPath $Member $MemberSid))
    Write-Output "Added $Member to $($group.Name)"
} catch {
    if ($_.Exception.InnerException.HResult -ne -2147023518) { throw }
    Write-Output "$Member is already a member of $($group.Name)"
}
