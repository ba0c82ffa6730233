using System.Text;
using Npgsql;

namespace AgentWorkspace.Data;

/// <summary>
/// A PostgreSQL advisory lock held while one node creates the database if it is missing, migrates it
/// and seeds it. It is taken on the server's maintenance database (which always exists), so it also
/// covers the <c>CREATE DATABASE</c>; a node that may not connect there locks inside its own database.
/// An advisory lock dies with its session, so a node killed mid-migration never blocks the others.
/// </summary>
public sealed class PostgreSqlStartupLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly long _key;

    private PostgreSqlStartupLock(NpgsqlConnection connection, long key)
    {
        _connection = connection;
        _key = key;
    }

    /// <param name="purpose">Locks of different purposes do not exclude each other (the job storage's schema has its own).</param>
    public static async Task<PostgreSqlStartupLock> AcquireAsync(string connectionString, TimeSpan timeout, ILogger logger, string purpose = "startup", CancellationToken ct = default)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var database = target.Database ?? target.Username ?? "postgres";
        var key = LockKey(purpose + ":" + database);
        // Pooling off: the lock belongs to this one session, which must really close afterwards.
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        NpgsqlConnection connection;
        var onMaintenance = true;
        try
        {
            connection = new NpgsqlConnection(maintenance.ConnectionString);
            await connection.OpenAsync(ct);
        }
        catch (PostgresException ex)
        {
            logger.LogInformation("No access to the maintenance database ({Reason}); locking inside {Database}, which must exist", ex.MessageText, database);
            connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync(ct);
            onMaintenance = false;
        }

        try
        {
            await using (var set = new NpgsqlCommand($"SET lock_timeout = {(long)timeout.TotalMilliseconds}", connection))
            {
                await set.ExecuteNonQueryAsync(ct);
            }
            await using (var take = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection))
            {
                take.Parameters.AddWithValue("key", key);
                // The wait is bounded by lock_timeout above, not by the default 30 s command timeout.
                take.CommandTimeout = (int)Math.Ceiling(timeout.TotalSeconds) + 10;
                await take.ExecuteNonQueryAsync(ct);
            }
            if (onMaintenance)
            {
                await CreateIfMissingAsync(connection, database, logger, ct);
            }
            return new PostgreSqlStartupLock(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task CreateIfMissingAsync(NpgsqlConnection connection, string database, ILogger logger, CancellationToken ct)
    {
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", database);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            logger.LogInformation("Creating PostgreSQL database {Database}", database);
            var quoted = "\"" + database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted} ENCODING 'UTF8' TEMPLATE template0", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>A stable 64-bit key per database name (FNV-1a), so two apps on one server do not wait for each other.</summary>
    private static long LockKey(string name)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes("AgentWorkspace:" + name))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }
        return unchecked((long)hash);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection);
            release.Parameters.AddWithValue("key", _key);
            await release.ExecuteNonQueryAsync();
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }
}
