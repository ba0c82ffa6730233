using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace AgentWorkspace.Features.Accounts;

/// <summary>
/// Sign-in POSTs per client address and per user name. This replaces Identity's lockout (ten
/// failures locked an account for five minutes, so anyone who knew 李姐's user name could keep her
/// out): a throttled name is free again when the minute ends, whoever was guessing.
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public LoginThrottle(IOptions<SignInLimitsOptions> options)
    {
        var perMinute = options.Value.LoginAttemptsPerMinute;
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = perMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));
    }

    /// <summary>Null when the attempt may go ahead; otherwise how long to wait.</summary>
    public TimeSpan? TryAttempt(string clientAddress, string? userName)
    {
        using var byAddress = _limiter.AttemptAcquire("address:" + clientAddress);
        if (!byAddress.IsAcquired)
        {
            return RetryAfter(byAddress);
        }
        if (!string.IsNullOrWhiteSpace(userName))
        {
            using var byName = _limiter.AttemptAcquire("user:" + userName.Trim().ToUpperInvariant());
            if (!byName.IsAcquired)
            {
                return RetryAfter(byName);
            }
        }
        return null;
    }

    internal static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);

    public void Dispose() => _limiter.Dispose();
}
