using System.Runtime.CompilerServices;
using AgentWorkspace.Features.Conversations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AgentWorkspace.Features.Search;

/// <summary>
/// Keeps the index in step with every save, whoever the writer: a conversation that gains a message,
/// and every conversation of a new or renamed customer, has its document rewritten right after the
/// save, inside the writer's transaction when it has one (ingest does), so a message is searchable
/// as soon as it is stored. Conversations the index lacks (data from before the index, or a crash
/// between a save and its index write) are caught up at start-up by <see cref="SearchIndexCatchUp"/>.
/// </summary>
public sealed class SearchIndexInterceptor(ISearchIndex index) : SaveChangesInterceptor
{
    private sealed class Pending
    {
        public List<Message> Messages { get; } = [];
        public List<Customer> Customers { get; } = [];
    }

    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } db && Take(db) is { } pending)
        {
            WriteAsync(db, pending, CancellationToken.None).GetAwaiter().GetResult();
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db && Take(db) is { } pending)
        {
            await WriteAsync(db, pending, cancellationToken);
        }
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } db)
        {
            _pending.Remove(db);
        }
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    private void Collect(DbContext? db)
    {
        if (db is null)
        {
            return;
        }
        var tracker = db.ChangeTracker;
        if (tracker.AutoDetectChangesEnabled)
        {
            tracker.DetectChanges();
        }
        var pending = new Pending();
        foreach (var entry in tracker.Entries())
        {
            switch (entry.Entity)
            {
                case Message m when entry.State == EntityState.Added:
                    pending.Messages.Add(m);
                    break;
                case Customer c when entry.State == EntityState.Modified
                    && (entry.Property(nameof(Customer.Name)).IsModified || entry.Property(nameof(Customer.ExternalId)).IsModified):
                    pending.Customers.Add(c);
                    break;
            }
        }
        if (pending.Messages.Count > 0 || pending.Customers.Count > 0)
        {
            _pending.AddOrUpdate(db, pending);
        }
        else
        {
            _pending.Remove(db);
        }
    }

    private Pending? Take(DbContext db)
    {
        if (!_pending.TryGetValue(db, out var pending))
        {
            return null;
        }
        _pending.Remove(db);
        return pending;
    }

    private async Task WriteAsync(DbContext db, Pending pending, CancellationToken ct)
    {
        var ids = pending.Messages.Select(m => m.ConversationId).ToHashSet();
        if (pending.Customers.Count > 0)
        {
            var customerIds = pending.Customers.Select(c => c.Id).ToList();
            ids.UnionWith(await db.Set<Conversation>().AsNoTracking().Where(c => customerIds.Contains(c.CustomerId)).Select(c => c.Id).ToListAsync(ct));
        }
        await index.WriteAsync(db, await SearchDocuments.LoadAsync(db, ids, ct), ct);
    }
}
