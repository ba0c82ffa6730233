using AgentWorkspace.Data;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Features.Search;

/// <summary>
/// At start-up, indexes every conversation the index lacks: all of a database that existed before
/// search (the migration cannot fold text in SQL), and any lost to a crash between a save and its
/// index write. Runs in the background in batches, each in its own transaction, so a large history
/// does not hold up the start; live writes meanwhile are indexed by the interceptor.
/// </summary>
public sealed class SearchIndexCatchUp(IDbContextFactory<WorkspaceDbContext> dbFactory, ISearchIndex index, ILogger<SearchIndexCatchUp> logger) : BackgroundService
{
    private const int BatchSize = 1000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var indexed = await RunAsync(stoppingToken);
            if (indexed > 0)
            {
                logger.LogInformation("Search index caught up with {Count} conversations", indexed);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // Search then misses those conversations until the next start or their next change; everything else works.
            logger.LogError(ex, "Search index catch-up failed");
        }
    }

    /// <summary>Indexes every conversation without a document; returns how many (the benchmark's bulk load too).</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var total = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var ids = await index.UnindexedAsync(db, BatchSize, ct);
            if (ids.Count == 0)
            {
                return total;
            }
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await index.WriteAsync(db, await SearchDocuments.LoadAsync(db, ids, ct), ct);
            await transaction.CommitAsync(ct);
            total += ids.Count;
        }
    }
}
