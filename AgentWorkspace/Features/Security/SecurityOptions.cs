using System.ComponentModel.DataAnnotations;

namespace AgentWorkspace.Features.Security;

/// <summary>Bound from <c>Workspace:Limits</c>: how much one caller may do before being told to wait.</summary>
public sealed class LimitsOptions
{
    public const string Section = "Workspace:Limits";

    /// <summary>Messages one chat identity may send per minute on /chat.</summary>
    [Range(1, int.MaxValue)]
    public int ChatMessagesPerMinute { get; set; } = 20;

    /// <summary>New /chat conversations per client address (and per chat identity) per hour.</summary>
    [Range(1, int.MaxValue)]
    public int ChatConversationsPerHour { get; set; } = 10;

    /// <summary>Requests per connector key per second on /api and the hub's negotiation.</summary>
    [Range(1, int.MaxValue)]
    public int ApiRequestsPerSecond { get; set; } = 100;

    /// <summary>Largest request body any endpoint reads (bytes); larger bodies answer 413.</summary>
    [Range(1024, int.MaxValue)]
    public int MaxRequestBodyBytes { get; set; } = 64 * 1024;
}

/// <summary>Bound from <c>Workspace:Security</c>: sessions and the production defaults that depend on the deployment.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Workspace:Security";

    /// <summary>How often an open page re-reads its user (disabled, role removed, signed out everywhere).</summary>
    public TimeSpan RevalidateEvery { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Outside Development: redirect HTTP to HTTPS and send HSTS. Off only behind a proxy that terminates TLS and forwards the scheme.</summary>
    public bool HttpsRedirection { get; set; } = true;

    /// <summary>Honour X-Forwarded-For/-Proto from the proxies listed in <see cref="KnownProxies"/>.</summary>
    public bool ForwardedHeaders { get; set; }

    /// <summary>IP addresses of the reverse proxies whose forwarded headers are trusted.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Lifetime of a customer's /chat identity cookie.</summary>
    public TimeSpan ChatIdentityLifetime { get; set; } = TimeSpan.FromDays(30);
}
