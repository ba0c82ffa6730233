using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AgentWorkspace.Features.Accounts;

/// <summary>
/// What a page needs to know about the signed-in person travels in the sign-in cookie, so no page keeps
/// a <see cref="UserManager{TUser}"/> (and its database context) alive for a circuit's lifetime.
/// </summary>
public static class WorkspaceClaims
{
    public const string DisplayName = "workspace:display_name";

    /// <summary>Set while the user must change their password before any other page opens.</summary>
    public const string MustChangePassword = "aw:must-change-password";

    /// <summary>The name colleagues and customers see (小王, 李姐); the user name when the cookie predates the claim.</summary>
    public static string? DisplayNameOf(ClaimsPrincipal user) =>
        user.FindFirst(DisplayName)?.Value is { Length: > 0 } name ? name : user.Identity?.Name;

    public static bool IsSupervisorOrLead(ClaimsPrincipal user) => user.IsInRole(Roles.Supervisor) || user.IsInRole(Roles.TeamLead);
}

/// <summary>Adds the display name and, when due, the must-change-password mark at sign-in, next to the name and role claims Identity writes.</summary>
public sealed class WorkspaceClaimsFactory(UserManager<WorkspaceUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<WorkspaceUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(WorkspaceUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(WorkspaceClaims.DisplayName, user.DisplayName));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(WorkspaceClaims.MustChangePassword, "true"));
        }
        return identity;
    }
}
