using Microsoft.Data.Sqlite;

namespace AgentWorkspace.Features.Operations;

/// <summary>SQLite file work for backup and restore: online copies, integrity, and "is anyone using it".</summary>
internal static class SqliteFiles
{
    private const int Busy = 5;
    private const int Locked = 6;

    /// <summary>
    /// SQLite's online backup: one step copies every page inside a single read transaction, so the copy
    /// is the database as of one commit while the app's writers carry on (WAL). The copy is switched to
    /// a rollback journal so that reading it later creates no -wal/-shm files beside it.
    /// </summary>
    public static void CopyOnline(string source, string destination)
    {
        using var from = Open(source, SqliteOpenMode.ReadWrite);
        from.Open();
        Execute(from, "PRAGMA busy_timeout=10000;");
        using var to = Open(destination, SqliteOpenMode.ReadWriteCreate);
        to.Open();
        from.BackupDatabase(to);
        Execute(to, "PRAGMA journal_mode=DELETE;");
    }

    /// <summary>Null when the file is a sound SQLite database (and, if asked, one the app migrated); else why not.</summary>
    public static string? Problem(string path, bool workspaceSchema)
    {
        try
        {
            using var connection = Open(path, SqliteOpenMode.ReadOnly);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check(20);";
            var findings = new List<string>();
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read())
                {
                    findings.Add(reader.GetString(0));
                }
            }
            if (findings is not ["ok"])
            {
                return $"PRAGMA integrity_check found: {string.Join("; ", findings)}";
            }
            if (workspaceSchema && Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('__EFMigrationsHistory', 'Messages');") is not 2L)
            {
                return "it is a SQLite database but not a workspace (no __EFMigrationsHistory and Messages tables)";
            }
            return null;
        }
        catch (SqliteException e)
        {
            return e.Message;
        }
    }

    /// <summary>The messages a workspace copy holds, for the operator's summary.</summary>
    public static long CountMessages(string path)
    {
        using var connection = Open(path, SqliteOpenMode.ReadOnly);
        connection.Open();
        return (long)Scalar(connection, "SELECT count(*) FROM Messages;")!;
    }

    /// <summary>
    /// Why the file must not be replaced now (a process has it open, or it is locked), or null. Leaving WAL
    /// needs the only connection, so succeeding proves no other connection is open; it also folds a WAL
    /// that a killed process left into the file, so nothing stale is applied to the restored one.
    /// </summary>
    public static string? InUse(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        if (OpenedByAnotherProcess(path) is { } pid)
        {
            return $"process {pid} has {path} open (stop the app first)";
        }
        try
        {
            using var connection = Open(path, SqliteOpenMode.ReadWrite);
            connection.Open();
            Execute(connection, "PRAGMA busy_timeout=0;");
            if (Scalar(connection, "PRAGMA journal_mode=DELETE;") is not "delete")
            {
                return $"{path} is open elsewhere (it cannot leave WAL mode); stop the app first";
            }
            Execute(connection, "BEGIN EXCLUSIVE; ROLLBACK;");
            return null;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is Busy or Locked)
        {
            return $"{path} is locked ({e.Message}); stop the app first";
        }
        catch (SqliteException)
        {
            // A damaged file is a reason to restore, not to refuse: nothing else has it open (checked above).
            return null;
        }
    }

    /// <summary>Linux: any process holding the file (or its WAL) open, from /proc; elsewhere the lock test alone.</summary>
    private static int? OpenedByAnotherProcess(string path)
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc"))
        {
            return null;
        }
        var names = new HashSet<string>(StringComparer.Ordinal) { path, path + "-wal", path + "-shm", path + "-journal" };
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }
            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(dir, "fd")))
                {
                    if (new FileInfo(fd).LinkTarget is { } target && names.Contains(target))
                    {
                        return pid;
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A process that ended meanwhile, or another user's: not ours to see.
            }
        }
        return null;
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode) =>
        new(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ToString());

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
