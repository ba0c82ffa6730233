using System.Net;
using AgentWorkspace.Features.Accounts;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AgentWorkspace.Tests.Features.Security;

/// <summary>
/// The real app with low limits. TestServer has no client addresses, so a request's
/// <c>X-Test-Client</c> header stands in for the connection's address, as different machines would
/// be; and the password hasher counts its verifications so the login's work can be compared.
/// </summary>
public sealed class LimitedApp() : WorkspaceApp(new Dictionary<string, string?>
{
    ["Workspace:Limits:ChatMessagesPerMinute"] = "3",
    ["Workspace:Limits:ChatConversationsPerHour"] = "2",
    ["Workspace:Limits:LoginAttemptsPerMinute"] = "3",
    ["Workspace:Limits:ApiRequestsPerSecond"] = "3",
})
{
    public const string ClientHeader = "X-Test-Client";

    public CountingHasher Hasher { get; } = new();

    protected override void ConfigureTestServices(IServiceCollection services)
    {
        services.AddSingleton<IStartupFilter>(new ClientAddressFilter());
        services.AddSingleton<IPasswordHasher<WorkspaceUser>>(Hasher);
    }

    public HttpClient Client(string address, bool cookies = false)
    {
        var client = CreateClient(Options(cookies));
        client.DefaultRequestHeaders.Add(ClientHeader, address);
        return client;
    }

    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                if (IPAddress.TryParse(http.Request.Headers[ClientHeader], out var address))
                {
                    http.Connection.RemoteIpAddress = address;
                }
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}

public sealed class CountingHasher : IPasswordHasher<WorkspaceUser>
{
    private readonly PasswordHasher<WorkspaceUser> _inner = new();
    private int _verifications;

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(WorkspaceUser user, string password) => _inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(WorkspaceUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
