using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace AgentWorkspace.Features.Security;

/// <summary>
/// /chat messages are circuit events, not HTTP requests, so the HTTP rate-limiting middleware never
/// sees them: the send path asks here first. Messages are counted per chat identity; new
/// conversations per client address and per chat identity (a cleared cookie is a new identity, the
/// address stays). System.Threading.RateLimiting windows run on the real clock: the library takes no
/// TimeProvider.
/// </summary>
public sealed class ChatLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _messages;
    private readonly PartitionedRateLimiter<string> _conversations;

    public ChatLimiter(IOptions<LimitsOptions> options)
    {
        var limits = options.Value;
        _messages = PartitionedRateLimiter.Create<string, string>(id => RateLimitPartition.GetFixedWindowLimiter(id, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limits.ChatMessagesPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));
        _conversations = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limits.ChatConversationsPerHour,
            Window = TimeSpan.FromHours(1),
            QueueLimit = 0,
        }));
    }

    /// <summary>True when the message may be stored; <paramref name="startsConversation"/> also spends a new-conversation permit.</summary>
    public bool TryAcquire(string chatId, string clientAddress, bool startsConversation)
    {
        if (startsConversation)
        {
            using var byAddress = _conversations.AttemptAcquire("address:" + clientAddress);
            if (!byAddress.IsAcquired)
            {
                return false;
            }
            using var byIdentity = _conversations.AttemptAcquire("chat:" + chatId);
            if (!byIdentity.IsAcquired)
            {
                return false;
            }
        }
        using var message = _messages.AttemptAcquire(chatId);
        return message.IsAcquired;
    }

    public void Dispose()
    {
        _messages.Dispose();
        _conversations.Dispose();
    }
}
