using System.Net;
using System.Text.RegularExpressions;
using AgentWorkspace.Features.Accounts;
using AgentWorkspace.Features.Security;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentWorkspace.Tests.Features.Security;

public sealed class ProductionSeedTests(ProductionSeedApp app) : IClassFixture<ProductionSeedApp>
{
    [Fact]
    public async Task Seeded_demo_accounts_must_change_their_password_at_first_sign_in()
    {
        using var client = app.CreateClient(app.Options());
        var login = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "lijie", ["password"] = WorkspaceApp.DemoPassword }), TestContext.Current.CancellationToken);
        Assert.StartsWith("/account/password", login.Headers.Location!.OriginalString);
        await using var db = app.Db();
        Assert.All(await db.Users.ToListAsync(TestContext.Current.CancellationToken), u => Assert.True(u.MustChangePassword));
    }
}
