using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace AgentWorkspace.Features.Accounts;

/// <summary>
/// Channel connectors authenticate with the shared key in <c>X-Api-Key</c> (or <c>?access_token=</c>
/// for the hub's WebSocket, which cannot send headers from browsers).
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<WorkspaceOptions> workspace)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string ConnectorRole = "Connector";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? presented = Request.Headers[HeaderName];
        if (string.IsNullOrEmpty(presented) && Request.Path.StartsWithSegments("/hubs"))
        {
            presented = Request.Query["access_token"];
        }
        if (string.IsNullOrEmpty(presented))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var expected = workspace.Value.Ingest.ApiKey;
        if (string.IsNullOrEmpty(expected) || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected)))
        {
            return Task.FromResult(AuthenticateResult.Fail("Invalid API key"));
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "connector"), new Claim(ClaimTypes.Role, ConnectorRole)], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = HeaderName;
        return Task.CompletedTask;
    }
}
