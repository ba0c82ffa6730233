using System.Security.Cryptography;
using AgentWorkspace.Data;

using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Features.Accounts;

public sealed record ConnectorKeyView(int Id, string Name, string Prefix, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? RevokedAt, string? RevokedBy);

public sealed record ConnectorKeyCreated(ConnectorKeyView Key, string Secret);

/// <summary>Named connector keys for the TeamLead page: created (secret shown once), listed, revoked; every change audited.</summary>
public sealed class ConnectorKeyStore(IDbContextFactory<WorkspaceDbContext> dbFactory, TimeProvider time)
{
    public const string SecretPrefix = "awk_";

    public async Task<List<ConnectorKeyView>> ListAsync(CancellationToken ct = default)
    {
        WorkspaceCaller.Require(Roles.TeamLead);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var keys = await db.ConnectorKeys.AsNoTracking().OrderBy(k => k.RevokedAt != null).ThenBy(k => k.Name).ToListAsync(ct);
        return [.. keys.Select(View)];
    }

    /// <summary>Null with the error's resource key when the name or scopes are not acceptable; nothing is written then.</summary>
    public async Task<(ConnectorKeyCreated? Created, string? Error)> CreateAsync(string? name, IReadOnlyCollection<string> scopes, string actor, CancellationToken ct = default)
    {
        WorkspaceCaller.Require(Roles.TeamLead);
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > ConnectorKey.MaxNameLength)
        {
            return (null, "keys-error-name");
        }
        var chosen = ConnectorScopes.All.Where(scopes.Contains).ToList();
        if (chosen.Count == 0 || scopes.Any(s => !ConnectorScopes.All.Contains(s)))
        {
            return (null, "keys-error-scopes");
        }
        var secret = SecretPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        var key = new ConnectorKey
        {
            Name = name,
            Prefix = secret[..(SecretPrefix.Length + 6)],
            Hash = ConnectorKey.HashOf(secret),
            Scopes = string.Join(' ', chosen),
            CreatedAt = now,
            CreatedBy = actor,
        };
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ConnectorKeys.Add(key);
        db.Audit.Add(new AuditEntry { Actor = actor, At = now, Action = "connector-key-created", Subject = name, Detail = $"{key.Prefix}… {key.Scopes}" });
        await db.SaveChangesAsync(ct);
        return (new ConnectorKeyCreated(View(key), secret), null);
    }

    public async Task<bool> RevokeAsync(int id, string actor, CancellationToken ct = default)
    {
        WorkspaceCaller.Require(Roles.TeamLead);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var key = await db.ConnectorKeys.SingleOrDefaultAsync(k => k.Id == id, ct);
        if (key is null || key.RevokedAt is not null)
        {
            return false;
        }
        var now = time.GetUtcNow();
        key.RevokedAt = now;
        key.RevokedBy = actor;
        db.Audit.Add(new AuditEntry { Actor = actor, At = now, Action = "connector-key-revoked", Subject = key.Name, Detail = $"{key.Prefix}…" });
        await db.SaveChangesAsync(ct);
        return true;
    }

    private static ConnectorKeyView View(ConnectorKey k) => new(k.Id, k.Name, k.Prefix, k.ScopeList, k.CreatedAt, k.CreatedBy, k.RevokedAt, k.RevokedBy);

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
