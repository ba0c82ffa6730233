using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;

namespace AgentWorkspace.Features.Operations;

/// <summary>
/// manifest.json in a backup folder, written last: a folder without one is an unfinished backup.
/// Every file's size and SHA-256 let restore prove the copy is the one that was written.
/// </summary>
public sealed record BackupManifest(int Format, DateTimeOffset CreatedAt, string AppVersion, BackupSource Source, IReadOnlyList<BackupFile> Files)
{
    public const string FileName = "manifest.json";
    public const int CurrentFormat = 1;
    public const string DatabaseFile = "workspace.db";
    public const string JobFile = "hangfire.db";
    public const string AttachmentsFolder = "attachments";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string AppVersionNow =>
        typeof(BackupManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    public async Task WriteAsync(string folder)
    {
        var temporary = Path.Combine(folder, FileName + ".tmp");
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(this, Json));
        File.Move(temporary, Path.Combine(folder, FileName));
    }

    public static async Task<BackupManifest> ReadAsync(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            throw new OperationFailedException($"{folder} is not a complete backup: it has no {FileName} (a backup writes it last; an interrupted one has none). Nothing was changed.");
        }
        try
        {
            var manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(path), Json);
            if (manifest is not { Format: CurrentFormat, Files: not null })
            {
                throw new OperationFailedException($"{path} is not a format-{CurrentFormat} backup manifest. Nothing was changed.");
            }
            return manifest;
        }
        catch (JsonException e)
        {
            throw new OperationFailedException($"{path} cannot be read: {e.Message}. Nothing was changed.", e);
        }
    }

    public static async Task<BackupFile> DescribeAsync(string folder, string relativePath, string role)
    {
        var full = Path.Combine(folder, relativePath);
        return new BackupFile(relativePath.Replace(Path.DirectorySeparatorChar, '/'), role, new FileInfo(full).Length, await Sha256Async(full));
    }

    public static async Task<string> Sha256Async(string path)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream));
    }
}

/// <summary>Where the backup was taken from, for the operator who finds it later.</summary>
public sealed record BackupSource(string Machine, string Database, string? JobDatabase, string? Attachments);

/// <summary>One file of the backup: its path inside the folder (with /), its role (database, jobs, attachment), size and hash.</summary>
public sealed record BackupFile(string Path, string Role, long Bytes, string Sha256)
{
    public const string DatabaseRole = "database";
    public const string JobsRole = "jobs";
    public const string AttachmentRole = "attachment";
}
