namespace AgentWorkspace.Features.Operations;

/// <summary>
/// <c>restore {folder}</c>, with the app stopped: every file is proved against the manifest and the
/// databases against <c>PRAGMA integrity_check</c> before anything is touched; the target must not be
/// in use; each file is staged beside its target and moved over it in one rename, so the workspace
/// is either the old database or the restored one, never half of each. A replaced database is kept
/// beside it as <c>{name}.before-restore-{time}</c>.
/// </summary>
public static class RestoreCommand
{
    public static async Task RunAsync(WorkspaceLocations locations, string folderArgument, bool replace, TextWriter output)
    {
        var folder = Path.GetFullPath(folderArgument);
        if (!Directory.Exists(folder))
        {
            throw new OperationFailedException($"there is no backup folder at {folder}.");
        }
        var manifest = await BackupManifest.ReadAsync(folder);
        await VerifyAsync(folder, manifest);
        var jobs = manifest.Files.SingleOrDefault(f => f.Role == BackupFile.JobsRole);
        var attachments = manifest.Files.Where(f => f.Role == BackupFile.AttachmentRole).ToList();

        if (File.Exists(locations.Database) && !replace)
        {
            throw new OperationFailedException($"a workspace database already exists at {locations.Database}; add --replace to restore over it (it is kept beside it). Nothing was changed.");
        }
        foreach (var target in new[] { locations.Database }.Concat(jobs is null ? [] : [locations.JobDatabase]))
        {
            if (SqliteFiles.InUse(target) is { } why)
            {
                throw new OperationFailedException($"{why}. Nothing was changed.");
            }
        }

        var stamp = TimeProvider.System.GetUtcNow().ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);
        var staged = new List<string>();
        try
        {
            var database = await StageAsync(folder, BackupManifest.DatabaseFile, locations.Database, manifest, staged);
            var jobFile = jobs is null ? null : await StageAsync(folder, BackupManifest.JobFile, locations.JobDatabase, manifest, staged);
            var attachmentFolder = attachments.Count == 0 ? null : await StageAttachmentsAsync(folder, attachments, locations.Attachments, staged);

            // The database first: it is the source of truth. The job file and attachments follow it.
            var kept = Swap(database, locations.Database, stamp);
            await output.WriteLineAsync($"restore: {folder} → {locations.Database} ({SqliteFiles.CountMessages(locations.Database)} messages, backup of {manifest.CreatedAt:O} from {manifest.Source.Database}, app {manifest.AppVersion})");
            if (kept is not null)
            {
                await output.WriteLineAsync($"restore: the database it replaced is kept as {kept}");
            }
            if (jobFile is not null)
            {
                Swap(jobFile, locations.JobDatabase, stamp);
                await output.WriteLineAsync($"restore: job file → {locations.JobDatabase}");
            }
            else
            {
                await output.WriteLineAsync("restore: the backup has no job file; at start-up the app schedules every rule again from the database");
            }
            if (attachmentFolder is not null)
            {
                if (Directory.Exists(locations.Attachments))
                {
                    Directory.Move(locations.Attachments, $"{locations.Attachments}.before-restore-{stamp}");
                }
                Directory.Move(attachmentFolder, locations.Attachments);
                await output.WriteLineAsync($"restore: {attachments.Count} attachment files → {locations.Attachments}");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OperationFailedException($"{e.Message} (what was staged has been removed; files not yet moved are unchanged)", e);
        }
        finally
        {
            foreach (var path in staged)
            {
                Remove(path);
            }
        }
    }

    /// <summary>Every listed file present with its size and hash, the databases sound; else the backup is refused.</summary>
    private static async Task VerifyAsync(string folder, BackupManifest manifest)
    {
        if (manifest.Files.Count(f => f.Role == BackupFile.DatabaseRole && f.Path == BackupManifest.DatabaseFile) != 1)
        {
            throw new OperationFailedException($"{folder} is incomplete: its manifest lists no {BackupManifest.DatabaseFile}. Nothing was changed.");
        }
        foreach (var file in manifest.Files)
        {
            var path = Path.GetFullPath(Path.Combine(folder, file.Path));
            if (!path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new OperationFailedException($"the manifest names {file.Path}, outside the backup folder. Nothing was changed.");
            }
            if (!File.Exists(path))
            {
                throw new OperationFailedException($"{folder} is incomplete: {file.Path} is missing. Nothing was changed.");
            }
            if (new FileInfo(path).Length != file.Bytes || await BackupManifest.Sha256Async(path) != file.Sha256)
            {
                throw new OperationFailedException($"{file.Path} in {folder} is corrupt: its size or SHA-256 differs from the manifest. Nothing was changed.");
            }
            if (file.Role is BackupFile.DatabaseRole or BackupFile.JobsRole && SqliteFiles.Problem(path, workspaceSchema: file.Role == BackupFile.DatabaseRole) is { } problem)
            {
                throw new OperationFailedException($"{file.Path} in {folder} is corrupt: {problem}. Nothing was changed.");
            }
        }
    }

    /// <summary>A copy beside the target (same file system, so the final move is one rename), checked again after copying.</summary>
    private static async Task<string> StageAsync(string folder, string name, string target, BackupManifest manifest, List<string> staged)
    {
        var directory = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $".{Path.GetFileName(target)}.restoring-{Guid.NewGuid():N}");
        staged.Add(path);
        File.Copy(Path.Combine(folder, name), path);
        if (await BackupManifest.Sha256Async(path) != manifest.Files.Single(f => f.Path == name).Sha256)
        {
            throw new OperationFailedException($"the copy of {name} made beside {target} does not match the backup (disk full or failing?). Nothing was changed.");
        }
        return path;
    }

    private static async Task<string> StageAttachmentsAsync(string folder, List<BackupFile> files, string target, List<string> staged)
    {
        var parent = Path.GetDirectoryName(Path.GetFullPath(target))!;
        Directory.CreateDirectory(parent);
        var path = Path.Combine(parent, $".{Path.GetFileName(target)}.restoring-{Guid.NewGuid():N}");
        staged.Add(path);
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(BackupManifest.AttachmentsFolder, file.Path.Replace('/', Path.DirectorySeparatorChar));
            var destination = Path.Combine(path, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(Path.Combine(folder, file.Path), destination);
            if (await BackupManifest.Sha256Async(destination) != file.Sha256)
            {
                throw new OperationFailedException($"the copy of {file.Path} does not match the backup (disk full or failing?). Nothing was changed.");
            }
        }
        return path;
    }

    /// <summary>
    /// One rename puts the staged file in place. The old file (if any) stays reachable under the kept
    /// name; leftover -wal/-shm files go first, or SQLite would apply an old WAL to the new file.
    /// </summary>
    private static string? Swap(string staged, string target, string stamp)
    {
        foreach (var suffix in new[] { "-wal", "-shm", "-journal" })
        {
            File.Delete(target + suffix);
        }
        if (!File.Exists(target))
        {
            File.Move(staged, target);
            return null;
        }
        var kept = $"{target}.before-restore-{stamp}";
        File.Replace(staged, target, kept);
        return kept;
    }

    private static void Remove(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
            else
            {
                File.Delete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
