using System.Security.Cryptography;
using System.Text;

namespace AgentWorkspace.Features.Accounts;

/// <summary>
/// A named connector key. Only its SHA-256 hash is stored (the key is 32 random bytes, so a fast
/// hash is enough and lets every request find its key by index); the plain key is shown once.
/// </summary>
public sealed class ConnectorKey
{
    public const int MaxNameLength = 100;

    public int Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>The first characters of the key, so a lead can tell keys apart without the secret.</summary>
    public string Prefix { get; set; } = "";

    public string Hash { get; set; } = "";

    /// <summary>Space-separated scopes from <see cref="ConnectorScopes.All"/>.</summary>
    public string Scopes { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBy { get; set; }

    public IReadOnlyList<string> ScopeList => Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static string HashOf(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

/// <summary>What a connector key may do; each API endpoint names the one it needs (<c>RequireScope</c>).</summary>
public static class ConnectorScopes
{
    public const string Ingest = "ingest";
    public const string Read = "read";
    public const string Satisfaction = "satisfaction";
    public const string Tickets = "tickets";

    public static readonly string[] All = [Ingest, Read, Satisfaction, Tickets];

    /// <summary>The claim type a connector principal carries once per scope.</summary>
    public const string ClaimType = "aw:scope";

    /// <summary>The claim naming the key (its id, or "bootstrap"): the API rate limit's partition.</summary>
    public const string KeyClaimType = "aw:key";

    public static string PolicyName(string scope) => $"scope:{scope}";
}
