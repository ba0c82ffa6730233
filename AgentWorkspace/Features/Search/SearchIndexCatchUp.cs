using AgentWorkspace.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Features.Search;

/// <summary>
/// At start-up, indexes whatever the index lacks: every message and customer of a database that
/// existed before search (the migration cannot fold text in SQL), and any row lost to a crash between
/// a save and its index write. Runs in the background in batches, each in its own transaction, so a
/// large history does not hold up the start; live writes meanwhile are indexed by the interceptor.
/// </summary>
public sealed class SearchIndexCatchUp(IDbContextFactory<WorkspaceDbContext> dbFactory, ISearchIndex index, ILogger<SearchIndexCatchUp> logger) : BackgroundService
{
    private const int BatchSize = 2000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var indexed = await RunAsync(stoppingToken);
            if (indexed > 0)
            {
                logger.LogInformation("Search index caught up with {Count} messages and customers", indexed);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // Search then misses the unindexed rows until the next start; everything else works.
            logger.LogError(ex, "Search index catch-up failed");
        }
    }

    /// <summary>Indexes every missing row; returns how many (also used by the benchmark for a bulk load).</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var total = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var customers = await index.UnindexedCustomersAsync(db, BatchSize, ct);
            var messages = customers.Count == 0 ? await index.UnindexedMessagesAsync(db, BatchSize, ct) : [];
            if (customers.Count == 0 && messages.Count == 0)
            {
                return total;
            }
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await index.IndexCustomersAsync(db, customers, ct);
            await index.IndexMessagesAsync(db, messages, ct);
            await transaction.CommitAsync(ct);
            total += customers.Count + messages.Count;
        }
    }
}
