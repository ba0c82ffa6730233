using System.Net;
using System.Text.RegularExpressions;
using AgentWorkspace.Features.Accounts;
using AgentWorkspace.Features.Security;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AgentWorkspace.Tests.Features.Security;

/// <summary>Outside Development the seeded team must choose their own passwords.</summary>
public sealed class ProductionSeedApp() : WorkspaceApp(new Dictionary<string, string?> { ["Workspace:Security:HttpsRedirection"] = "false" })
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
    }
}
