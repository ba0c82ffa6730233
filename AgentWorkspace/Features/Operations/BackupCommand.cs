namespace AgentWorkspace.Features.Operations;

/// <summary>
/// <c>backup {folder}</c>: the workspace database through SQLite's online backup, Hangfire's job file
/// the same way when there is one, the attachment folder when there is one, then the manifest. Runs
/// beside a live app; refuses a folder that already holds something, and removes what it wrote if it fails.
/// </summary>
public static class BackupCommand
{
    public static async Task RunAsync(WorkspaceLocations locations, string folderArgument, TextWriter output)
    {
        if (!File.Exists(locations.Database))
        {
            throw new OperationFailedException($"there is no workspace database at {locations.Database} (ConnectionStrings:Workspace); nothing to back up.");
        }
        var folder = Path.GetFullPath(folderArgument);
        var created = PrepareFolder(folder);
        try
        {
            var started = TimeProvider.System.GetUtcNow();
            var files = new List<BackupFile>();

            var database = Path.Combine(folder, BackupManifest.DatabaseFile);
            SqliteFiles.CopyOnline(locations.Database, database);
            if (SqliteFiles.Problem(database, workspaceSchema: true) is { } problem)
            {
                throw new OperationFailedException($"the copy of {locations.Database} is not sound: {problem}");
            }
            files.Add(await BackupManifest.DescribeAsync(folder, BackupManifest.DatabaseFile, BackupFile.DatabaseRole));
            var messages = SqliteFiles.CountMessages(database);

            var hasJobs = File.Exists(locations.JobDatabase);
            if (hasJobs)
            {
                SqliteFiles.CopyOnline(locations.JobDatabase, Path.Combine(folder, BackupManifest.JobFile));
                files.Add(await BackupManifest.DescribeAsync(folder, BackupManifest.JobFile, BackupFile.JobsRole));
            }

            var hasAttachments = Directory.Exists(locations.Attachments);
            if (hasAttachments)
            {
                // Attachments are written once and never changed, so a file copy is a consistent one.
                foreach (var source in Directory.EnumerateFiles(locations.Attachments, "*", SearchOption.AllDirectories))
                {
                    var relative = Path.Combine(BackupManifest.AttachmentsFolder, Path.GetRelativePath(locations.Attachments, source));
                    var target = Path.Combine(folder, relative);
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Copy(source, target);
                    files.Add(await BackupManifest.DescribeAsync(folder, relative, BackupFile.AttachmentRole));
                }
            }

            var origin = new BackupSource(Environment.MachineName, locations.Database, hasJobs ? locations.JobDatabase : null, hasAttachments ? locations.Attachments : null);
            await new BackupManifest(BackupManifest.CurrentFormat, started, BackupManifest.AppVersionNow, origin, files).WriteAsync(folder);

            await output.WriteLineAsync($"backup: {locations.Database} → {folder} ({messages} messages, {files[0].Bytes} bytes, as of {started:O})");
            await output.WriteLineAsync(hasJobs ? $"backup: job file {locations.JobDatabase} copied" : $"backup: no job file at {locations.JobDatabase} (jobs are in memory or in PostgreSQL); skipped");
            await output.WriteLineAsync(hasAttachments
                ? $"backup: {files.Count(f => f.Role == BackupFile.AttachmentRole)} attachment files from {locations.Attachments}"
                : $"backup: no attachment folder at {locations.Attachments}; skipped");
        }
        catch (Exception e)
        {
            Clean(folder, created);
            if (e is OperationFailedException)
            {
                throw;
            }
            throw new OperationFailedException($"{e.Message} (nothing was kept in {folder})", e);
        }
    }

    /// <summary>Creates the folder, or accepts an empty one; true when it was created here.</summary>
    private static bool PrepareFolder(string folder)
    {
        if (File.Exists(folder))
        {
            throw new OperationFailedException($"{folder} is a file; give a new or empty folder for the backup.");
        }
        if (Directory.Exists(folder))
        {
            if (Directory.EnumerateFileSystemEntries(folder).Any())
            {
                throw new OperationFailedException($"{folder} is not empty; a backup goes into a new or empty folder, so none is overwritten.");
            }
            return false;
        }
        try
        {
            Directory.CreateDirectory(folder);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OperationFailedException($"cannot create the backup folder {folder}: {e.Message}", e);
        }
    }

    private static void Clean(string folder, bool created)
    {
        try
        {
            if (created)
            {
                Directory.Delete(folder, recursive: true);
                return;
            }
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo dir)
                {
                    dir.Delete(recursive: true);
                }
                else
                {
                    entry.Delete();
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
