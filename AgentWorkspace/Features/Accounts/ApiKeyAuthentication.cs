using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using AgentWorkspace.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace AgentWorkspace.Features.Accounts;

/// <summary>
/// Connectors authenticate with a key in <c>X-Api-Key</c>: a named key from the TeamLead page
/// (stored hashed, with scopes) or the bootstrap <c>Workspace:Ingest:ApiKey</c> (every scope). Only
/// the hub takes the key as <c>?access_token=</c>, for WebSocket clients that cannot send headers;
/// plain HTTP API calls must use the header, so keys stay out of URLs and access logs.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> schemeOptions,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<ConnectorKeyOptions> bootstrapKey,
    IDbContextFactory<WorkspaceDbContext> dbFactory)
    : AuthenticationHandler<AuthenticationSchemeOptions>(schemeOptions, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string ConnectorRole = "Connector";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? presented = Request.Headers[HeaderName];
        if (string.IsNullOrEmpty(presented) && Request.Path.StartsWithSegments("/hubs"))
        {
            presented = BearerToken(Request.Headers.Authorization) ?? Request.Query["access_token"];
        }
        if (string.IsNullOrEmpty(presented))
        {
            return AuthenticateResult.NoResult();
        }
        if (presented.Length > 200)
        {
            return AuthenticateResult.Fail("Invalid API key");
        }
        var bootstrap = bootstrapKey.Value.ApiKey;
        if (!string.IsNullOrEmpty(bootstrap) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(bootstrap)))
        {
            return Success("connector", "bootstrap", ConnectorScopes.All);
        }
        var hash = ConnectorKey.HashOf(presented);
        await using var db = await dbFactory.CreateDbContextAsync(Context.RequestAborted);
        var key = await db.ConnectorKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Hash == hash && k.RevokedAt == null, Context.RequestAborted);
        return key is null
            ? AuthenticateResult.Fail("Invalid API key")
            : Success($"connector:{key.Name}", key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), key.ScopeList);
    }

    private static string? BearerToken(string? authorization) =>
        authorization is { } value && value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && value[7..].Trim() is { Length: > 0 } token
            ? token
            : null;

    private static AuthenticateResult Success(string name, string keyId, IEnumerable<string> scopes)
    {
        List<Claim> claims = [new(ClaimTypes.Name, name), new(ClaimTypes.Role, ConnectorRole), new(ConnectorScopes.KeyClaimType, keyId)];
        claims.AddRange(scopes.Select(s => new Claim(ConnectorScopes.ClaimType, s)));
        var identity = new ClaimsIdentity(claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = HeaderName;
        return Task.CompletedTask;
    }
}
