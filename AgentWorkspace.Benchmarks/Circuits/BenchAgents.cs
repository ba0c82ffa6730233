using AgentWorkspace.Data;
using AgentWorkspace.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentWorkspace.Benchmarks.Circuits;

/// <summary>
/// Staff accounts for the circuit harnesses, written into the running app's database with Identity's
/// own user manager: one account is created (and its password hashed) the normal way, the others are
/// copies with their own name and security stamp and the same password hash, because hashing
/// thousands of passwords would measure PBKDF2, not the workspace. They sign in through the real
/// sign-in form like anyone else, and none has to change the password first.
/// </summary>
internal static class BenchAgents
{
    public const string Password = "Bench@12345";

    public static string Name(int index) => $"bench{index:00000}";

    public static async Task CreateAsync(string databasePath, int count)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContextFactory<WorkspaceDbContext>(o => o.UseSqlite($"Data Source={databasePath}"));
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<WorkspaceDbContext>>().CreateDbContext());
        services.AddIdentityCore<WorkspaceUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<WorkspaceDbContext>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkspaceUser>>();
        var first = new WorkspaceUser { UserName = Name(0), DisplayName = "压测客服0" };
        var created = await users.CreateAsync(first, Password);
        if (!created.Succeeded || !(await users.AddToRoleAsync(first, Roles.Agent)).Succeeded)
        {
            throw new InvalidOperationException("Could not create the first bench agent: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        }
        var db = scope.ServiceProvider.GetRequiredService<WorkspaceDbContext>();
        var roleId = await db.Roles.Where(r => r.Name == Roles.Agent).Select(r => r.Id).SingleAsync();
        for (var start = 1; start < count; start += 1000)
        {
            for (var i = start; i < Math.Min(start + 1000, count); i++)
            {
                var user = new WorkspaceUser
                {
                    UserName = Name(i),
                    NormalizedUserName = users.NormalizeName(Name(i)),
                    DisplayName = $"压测客服{i}",
                    PasswordHash = first.PasswordHash,
                    SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
                    ConcurrencyStamp = Guid.NewGuid().ToString(),
                };
                db.Users.Add(user);
                db.UserRoles.Add(new IdentityUserRole<string> { UserId = user.Id, RoleId = roleId });
            }
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
    }
}
