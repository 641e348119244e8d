# ndes-doctor-script: fix/remove-group-member
# Undo of add-group-member; "not a member" (0x80070561) is success.
$group = Get-LocalGroupBySid $GroupSid
try {
    $group.Remove((Get-MemberPath $Member $MemberSid))
    Write-Output "Removed $Member from $($group.Name)"
} catch {
    if ($_.Exception.InnerException.HResult -ne -2147023519) { throw }
    Write-Output "$Member is not a member of $($group.Name)"
}
