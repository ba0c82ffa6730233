using System.Security.Cryptography;
using System.Text.RegularExpressions;
using AgentWorkspace.Data;

using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Features.Accounts;

public sealed record TeamMember(string UserName, string DisplayName, string Role, bool IsDisabled, bool MustChangePassword, DateTimeOffset? LastSeenAt);

/// <summary>The result of an account change: an error's resource key, or a one-time password to show once.</summary>
public sealed record TeamChange(string? Error, string? OneTimePassword = null)
{
    public bool Succeeded => Error is null;
}

/// <summary>
/// What a team lead does on /settings/team. Every change is audited and renews the member's
/// security stamp, so their open pages (revalidated) and cookies (stamp validator) end within
/// <see cref="SecurityOptions.RevalidateEvery"/>.
/// </summary>
public sealed partial class TeamAdmin(UserManager<WorkspaceUser> users, IDbContextFactory<WorkspaceDbContext> dbFactory, TimeProvider time)
{
    public async Task<List<TeamMember>> ListAsync(CancellationToken ct = default)
    {
        WorkspaceCaller.Require(Roles.TeamLead);
        var members = new List<TeamMember>();
        foreach (var user in await users.Users.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(ct))
        {
            var role = (await users.GetRolesAsync(user)).FirstOrDefault() ?? "";
            members.Add(new TeamMember(user.UserName!, user.DisplayName, role, user.IsDisabled, user.MustChangePassword, user.LastSeenAt));
        }
        return members;
    }

    public async Task<TeamChange> AddAsync(string? userName, string? displayName, string? role, string actor)
    {
        WorkspaceCaller.Require(Roles.TeamLead);
        userName = userName?.Trim();
        displayName = displayName?.Trim();
        if (userName is null || !UserNamePattern().IsMatch(userName))
        {
            return new("team-error-username");
        }
        if (string.IsNullOrEmpty(displayName) || displayName.Length > 50)
        {
            return new("team-error-display-name");
        }
        if (role is null || !Roles.All.Contains(role))
        {
            return new("team-error-role");
        }
        if (await users.FindByNameAsync(userName) is not null)
        {
            return new("team-error-exists");
        }
        var password = OneTimePassword();
        var user = new WorkspaceUser { UserName = userName, DisplayName = displayName, MustChangePassword = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return new("team-error-username");
        }
        await users.AddToRoleAsync(user, role);
        await AuditAsync(actor, "member-added", userName, $"{displayName} · {role}");
        return new(null, password);
    }

    public async Task<TeamChange> SetDisabledAsync(string userName, bool disabled, string actor)
    {
        WorkspaceCaller.Require(Roles.TeamLead);
        if (await FindOtherAsync(userName, actor) is not { } user)
        {
            return new(userName == actor ? "team-error-self" : "team-error-username");
        }
        if (disabled && await IsLastActiveLeadAsync(user))
        {
            return new("team-error-last-lead");
        }
        user.IsDisabled = disabled;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user);
        await AuditAsync(actor, disabled ? "member-disabled" : "member-enabled", userName, null);
        return new(null);
    }

    /// <summary>A new random password the member must change at their next sign-in; their sessions end.</summary>
    public async Task<TeamChange> ResetPasswordAsync(string userName, string actor)
    {
        WorkspaceCaller.Require(Roles.TeamLead);
        if (await users.FindByNameAsync(userName) is not { } user)
        {
            return new("team-error-username");
        }
        var password = OneTimePassword();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, password);
        if (!reset.Succeeded)
        {
            return new("password-error-weak");
        }
        user.MustChangePassword = true;
        await users.UpdateAsync(user);
        await AuditAsync(actor, "password-reset", userName, null);
        return new(null, password);
    }

    public async Task<TeamChange> ChangeRoleAsync(string userName, string role, string actor)
    {
        WorkspaceCaller.Require(Roles.TeamLead);
        if (!Roles.All.Contains(role))
        {
            return new("team-error-role");
        }
        if (await FindOtherAsync(userName, actor) is not { } user)
        {
            return new(userName == actor ? "team-error-self" : "team-error-username");
        }
        var current = await users.GetRolesAsync(user);
        if (current.SequenceEqual([role]))
        {
            return new(null);
        }
        if (role != Roles.TeamLead && await IsLastActiveLeadAsync(user))
        {
            return new("team-error-last-lead");
        }
        await users.RemoveFromRolesAsync(user, current);
        await users.AddToRoleAsync(user, role);
        await users.UpdateSecurityStampAsync(user);
        await AuditAsync(actor, "role-changed", userName, $"{string.Join(",", current)} → {role}");
        return new(null);
    }

    private async Task<WorkspaceUser?> FindOtherAsync(string userName, string actor) =>
        string.Equals(userName, actor, StringComparison.OrdinalIgnoreCase) ? null : await users.FindByNameAsync(userName);

    private async Task<bool> IsLastActiveLeadAsync(WorkspaceUser user)
    {
        if (!await users.IsInRoleAsync(user, Roles.TeamLead))
        {
            return false;
        }
        var leads = await users.GetUsersInRoleAsync(Roles.TeamLead);
        return leads.Count(l => !l.IsDisabled && l.Id != user.Id) == 0;
    }

    private async Task AuditAsync(string actor, string action, string subject, string? detail)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        db.Audit.Add(new AuditEntry { Actor = actor, At = time.GetUtcNow(), Action = action, Subject = subject, Detail = detail });
        await db.SaveChangesAsync();
    }

    /// <summary>Twelve characters without look-alikes (no 0/O, 1/l/I), always with a digit and a lower-case letter.</summary>
    public static string OneTimePassword()
    {
        const string letters = "abcdefghjkmnpqrstuvwxyz";
        const string digits = "23456789";
        const string all = letters + digits + "ABCDEFGHJKLMNPQRSTUVWXYZ";
        var chars = new char[12];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }
        chars[RandomNumberGenerator.GetInt32(0, 6)] = letters[RandomNumberGenerator.GetInt32(letters.Length)];
        chars[RandomNumberGenerator.GetInt32(6, 12)] = digits[RandomNumberGenerator.GetInt32(digits.Length)];
        return new string(chars);
    }

    [GeneratedRegex(@"^[A-Za-z0-9._-]{3,64}$")]
    private static partial Regex UserNamePattern();
}
