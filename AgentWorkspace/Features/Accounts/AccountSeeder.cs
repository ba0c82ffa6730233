using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace AgentWorkspace.Features.Accounts;

/// <summary>Creates the roles always, and the demo team only where a demo password is configured.</summary>
public sealed class AccountSeeder(
    UserManager<WorkspaceUser> users,
    RoleManager<IdentityRole> roles,
    IOptions<SeedOptions> options,
    IHostEnvironment environment,
    ILogger<AccountSeeder> logger)
{
    public static readonly IReadOnlyList<(string UserName, string DisplayName, string Role)> DemoTeam =
    [
        ("agent1", "小王", Roles.Agent),
        ("agent2", "小张", Roles.Agent),
        ("wangjie", "王姐", Roles.SeniorAgent),
        ("lijie", "李姐", Roles.Supervisor),
        ("lead", "刘组长", Roles.TeamLead),
    ];

    public async Task SeedAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
        var password = options.Value.DemoPassword;
        if (string.IsNullOrEmpty(password))
        {
            return;
        }
        foreach (var (userName, displayName, role) in DemoTeam)
        {
            if (await users.FindByNameAsync(userName) is not null)
            {
                continue;
            }
            await CreateAsync(userName, displayName, role, password);
        }
    }

    public async Task<IdentityResult> CreateAsync(string userName, string displayName, string role, string password)
    {
        // Outside Development a seeded password is shared knowledge: each member sets their own at first sign-in.
        var user = new WorkspaceUser { UserName = userName, DisplayName = displayName, MustChangePassword = !environment.IsDevelopment() };
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(user, role);
        }
        else
        {
            logger.LogWarning("Could not create {User}: {Errors}", userName, string.Join("; ", result.Errors.Select(e => e.Description)));
        }
        return result;
    }
}
