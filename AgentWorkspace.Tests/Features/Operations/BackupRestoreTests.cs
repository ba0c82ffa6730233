using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using AgentWorkspace.Data;
using AgentWorkspace.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AgentWorkspace.Tests.Features.Operations;

/// <summary>
/// The operator's backup and restore, run as they run them: <c>dotnet AgentWorkspace.dll backup|restore</c>
/// from the build output, as separate processes, beside the app as its own process taking ingest.
/// </summary>
public sealed class BackupRestoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"aw-backup-{Guid.NewGuid():N}");

    public BackupRestoreTests() => Directory.CreateDirectory(_root);

    [Fact]
    public async Task A_backup_taken_under_ingest_load_restores_every_message_accepted_before_it_began()
    {
        var live = Path.Combine(_root, "live", "workspace.db");
        var liveAttachments = Path.Combine(_root, "live", "attachments");
        Directory.CreateDirectory(Path.Combine(liveAttachments, "2026"));
        await File.WriteAllTextAsync(Path.Combine(liveAttachments, "2026", "invoice.txt"), "发票 #1");
        var backup = Path.Combine(_root, "backup");
        var accepted = new ConcurrentQueue<IngestReply>();
        var failures = new ConcurrentQueue<string>();

        using (var app = await AppProcess.StartAsync(new AppProcessOptions(live, WorkspaceApp.ApiKey) { Settings = Attachments(liveAttachments) }))
        {
            using var stop = new CancellationTokenSource();
            var posters = Enumerable.Range(0, 4).Select(poster => Task.Run(async () =>
            {
                using var api = app.ApiClient();
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var response = await api.PostAsJsonAsync("/api/messages", new { channel = "Email", customerId = $"backup-{poster}-{i % 5}", text = $"第{poster}-{i}条：我的订单还没发货" });
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        accepted.Enqueue((await response.Content.ReadFromJsonAsync<IngestReply>(Json.Options))!);
                    }
                    else
                    {
                        failures.Enqueue($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    }
                    await Task.Delay(10);
                }
            })).ToArray();
            await Eventually.TrueAsync(() => accepted.Count >= 60 || !failures.IsEmpty, TimeSpan.FromSeconds(60), () => $"only {accepted.Count} messages accepted");

            // Every message in this list had its 201 before the backup process was started.
            var before = accepted.ToArray();
            var clock = Stopwatch.StartNew();
            var run = await RunAsync(Environment(live, liveAttachments), "backup", backup);
            var duringBackup = accepted.Count - before.Length;
            TestContext.Current.TestOutputHelper?.WriteLine($"{before.Length} accepted before the backup; {duringBackup} answered 201 during its {clock.ElapsedMilliseconds} ms process\n{run.Output}");
            Assert.True(run.ExitCode == 0, run.ToString());
            await Eventually.TrueAsync(() => accepted.Count >= before.Length + duringBackup + 20 || !failures.IsEmpty, TimeSpan.FromSeconds(60), () => "ingest stopped after the backup");

            // With the app running, restoring over its database is refused and the app carries on.
            var overLive = await RunAsync(Environment(live, liveAttachments), "restore", backup, "--replace");
            Assert.True(overLive.ExitCode != 0, overLive.ToString());
            Assert.Contains("stop the app first", overLive.Error);
            var afterRefusal = accepted.Count;
            await Eventually.TrueAsync(() => accepted.Count >= afterRefusal + 10 || !failures.IsEmpty, TimeSpan.FromSeconds(60), () => "ingest stopped after the refused restore");

            stop.Cancel();
            await Task.WhenAll(posters);
            Assert.True(failures.IsEmpty, string.Join('\n', failures.Take(5)));
            Assert.True(duringBackup > 0, "no ingest was answered while the backup ran, so it did not run under load");

            var manifest = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(backup, "manifest.json"))).RootElement;
            var files = manifest.GetProperty("files").EnumerateArray().ToDictionary(f => f.GetProperty("path").GetString()!);
            Assert.Equal(new FileInfo(Path.Combine(backup, "workspace.db")).Length, files["workspace.db"].GetProperty("bytes").GetInt64());
            Assert.Equal(Sha256(Path.Combine(backup, "workspace.db")), files["workspace.db"].GetProperty("sha256").GetString());
            Assert.Contains("attachments/2026/invoice.txt", files.Keys);
            Assert.Equal(live, manifest.GetProperty("source").GetProperty("database").GetString());

            app.Kill();

            var restored = Path.Combine(_root, "restored", "workspace.db");
            var restoredAttachments = Path.Combine(_root, "restored", "attachments");
            var restore = await RunAsync(Environment(restored, restoredAttachments), "restore", backup);
            Assert.True(restore.ExitCode == 0, restore.ToString());
            Assert.Equal("发票 #1", await File.ReadAllTextAsync(Path.Combine(restoredAttachments, "2026", "invoice.txt")));

            using var second = await AppProcess.StartAsync(new AppProcessOptions(restored, WorkspaceApp.ApiKey) { Settings = Attachments(restoredAttachments) });
            using var read = second.ApiClient();
            foreach (var conversation in before.GroupBy(m => m.ConversationId))
            {
                var details = await read.GetFromJsonAsync<JsonElement>($"/api/conversations/{conversation.Key}");
                var ids = details.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("id").GetInt64()).ToHashSet();
                Assert.All(conversation, m => Assert.Contains(m.MessageId, ids));
            }
            // The restored workspace takes new messages on top of the old ones.
            var next = await read.PostAsJsonAsync("/api/messages", new { channel = "Email", customerId = "after-restore", text = "恢复后的新消息" });
            Assert.Equal(HttpStatusCode.Created, next.StatusCode);
        }
    }

    [Fact]
    public async Task Restore_refuses_a_corrupt_or_incomplete_backup_and_changes_nothing()
    {
        var source = Path.Combine(_root, "source", "workspace.db");
        await MigrateAsync(source);
        var jobs = Path.Combine(_root, "source", "hangfire.db");
        await ExecuteAsync(jobs, "CREATE TABLE Job (Id INTEGER PRIMARY KEY, Name TEXT); INSERT INTO Job (Name) VALUES ('rule 7');");
        var good = Path.Combine(_root, "good");
        var made = await RunAsync(Environment(source), "backup", good);
        Assert.True(made.ExitCode == 0, made.ToString());
        Assert.True(File.Exists(Path.Combine(good, "hangfire.db")), made.ToString());

        // The workspace a restore would replace: a migrated database of its own.
        var target = Path.Combine(_root, "target", "workspace.db");
        await MigrateAsync(target);
        await ExecuteAsync(target, "CREATE TABLE Sentinel (Note TEXT); INSERT INTO Sentinel VALUES ('before the restore');");
        var targetFiles = Snapshot(Path.GetDirectoryName(target)!);

        var cases = new (string Name, Action<string> Damage, string Says)[]
        {
            ("no-manifest", b => File.Delete(Path.Combine(b, "manifest.json")), "no manifest.json"),
            ("no-database", b => File.Delete(Path.Combine(b, "workspace.db")), "workspace.db is missing"),
            ("no-job-file", b => File.Delete(Path.Combine(b, "hangfire.db")), "hangfire.db is missing"),
            ("changed-bytes", b => Overwrite(Path.Combine(b, "workspace.db"), 8192, 64), "SHA-256 differs"),
            ("truncated", b => Truncate(Path.Combine(b, "workspace.db")), "SHA-256 differs"),
            // The manifest agrees with the damaged file, so only SQLite's own check can catch it.
            ("damaged-pages", b => { Overwrite(Path.Combine(b, "workspace.db"), 4096 * 3, 4096 * 4); Rehash(b, "workspace.db"); }, "is corrupt"),
            ("not-a-workspace", b => { File.Copy(Path.Combine(b, "hangfire.db"), Path.Combine(b, "workspace.db"), overwrite: true); Rehash(b, "workspace.db"); }, "not a workspace"),
        };
        foreach (var (name, damage, says) in cases)
        {
            var broken = Path.Combine(_root, name);
            CopyFolder(good, broken);
            damage(broken);

            var over = await RunAsync(Environment(target), "restore", broken, "--replace");
            var fresh = Path.Combine(_root, $"fresh-{name}", "workspace.db");
            var intoFresh = await RunAsync(Environment(fresh), "restore", broken);

            Assert.True(over.ExitCode == 1, $"{name}: {over}");
            Assert.Contains(says, over.Error);
            Assert.Contains("Nothing was changed", over.Error);
            Assert.Equal(targetFiles, Snapshot(Path.GetDirectoryName(target)!));
            Assert.True(intoFresh.ExitCode == 1, $"{name}: {intoFresh}");
            Assert.False(File.Exists(fresh), $"{name}: a database appeared at {fresh}");
        }

        // Without --replace an existing workspace is never overwritten.
        var withoutReplace = await RunAsync(Environment(target), "restore", good);
        Assert.Equal(1, withoutReplace.ExitCode);
        Assert.Contains("--replace", withoutReplace.Error);
        Assert.Equal(targetFiles, Snapshot(Path.GetDirectoryName(target)!));

        // The same backup undamaged restores, the replaced database kept beside it, the job file back.
        var restored = await RunAsync(Environment(target), "restore", good, "--replace");
        Assert.True(restored.ExitCode == 0, restored.ToString());
        Assert.Equal(Sha256(Path.Combine(good, "workspace.db")), Sha256(target));
        var kept = Assert.Single(Directory.GetFiles(Path.GetDirectoryName(target)!, "workspace.db.before-restore-*"));
        // Restore folds the old WAL into the file before it moves it aside, so its rows are compared, not its bytes.
        Assert.Equal("before the restore", await ScalarAsync(kept, "SELECT Note FROM Sentinel;"));
        Assert.Equal(0L, await ScalarAsync(target, "SELECT count(*) FROM sqlite_master WHERE name = 'Sentinel';"));
        Assert.Equal("rule 7", await ScalarAsync(Path.Combine(_root, "target", "hangfire.db"), "SELECT Name FROM Job;"));
    }

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string database, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    [Fact]
    public async Task Backup_with_a_bad_path_or_provider_fails_clearly_and_writes_nothing()
    {
        var source = Path.Combine(_root, "source", "workspace.db");
        await MigrateAsync(source);
        var aFile = Path.Combine(_root, "a-file.txt");
        await File.WriteAllTextAsync(aFile, "not a folder");
        var full = Path.Combine(_root, "full");
        Directory.CreateDirectory(full);
        await File.WriteAllTextAsync(Path.Combine(full, "keep.txt"), "mine");

        var noFolder = await RunAsync(Environment(source), "backup");
        var underAFile = await RunAsync(Environment(source), "backup", Path.Combine(aFile, "backup"));
        var intoAFile = await RunAsync(Environment(source), "backup", aFile);
        var notEmpty = await RunAsync(Environment(source), "backup", full);
        var noDatabase = await RunAsync(Environment(Path.Combine(_root, "nowhere", "workspace.db")), "backup", Path.Combine(_root, "b1"));
        var postgres = await RunAsync(new Dictionary<string, string>
        {
            ["Workspace__Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__Workspace"] = "Host=127.0.0.1;Database=aw",
        }, "backup", Path.Combine(_root, "b2"));
        var noBackup = await RunAsync(Environment(source), "restore", Path.Combine(_root, "no-such-backup"));

        Assert.Equal(2, noFolder.ExitCode);
        Assert.Contains("a folder is required", noFolder.Error);
        Assert.Equal(1, underAFile.ExitCode);
        Assert.Contains("cannot create the backup folder", underAFile.Error);
        Assert.Equal(1, intoAFile.ExitCode);
        Assert.Contains("is a file", intoAFile.Error);
        Assert.Equal("not a folder", await File.ReadAllTextAsync(aFile));
        Assert.Equal(1, notEmpty.ExitCode);
        Assert.Contains("is not empty", notEmpty.Error);
        Assert.Equal(["keep.txt"], Directory.GetFileSystemEntries(full).Select(Path.GetFileName));
        Assert.Equal(1, noDatabase.ExitCode);
        Assert.Contains("there is no workspace database", noDatabase.Error);
        Assert.False(Directory.Exists(Path.Combine(_root, "nowhere")));
        Assert.Equal(1, postgres.ExitCode);
        Assert.Contains("pg_dump", postgres.Error);
        Assert.Equal(1, noBackup.ExitCode);
        Assert.Contains("there is no backup folder", noBackup.Error);
        Assert.False(Directory.Exists(Path.Combine(_root, "b1")) || Directory.Exists(Path.Combine(_root, "b2")));
    }

    private static Dictionary<string, string> Attachments(string folder) => new() { ["Workspace__Attachments__Path"] = folder };

    private Dictionary<string, string> Environment(string database, string? attachments = null) => new()
    {
        ["ConnectionStrings__Workspace"] = $"Data Source={database}",
        ["Workspace__Attachments__Path"] = attachments ?? Path.Combine(_root, "no-attachments"),
    };

    internal sealed record CommandRun(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n{Output}\n{Error}";
    }

    /// <summary>The command as an operator types it, from the app's build output.</summary>
    internal static async Task<CommandRun> RunAsync(IDictionary<string, string> settings, params string[] args)
    {
        var folder = AppProcess.AppDirectory();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(folder, "AgentWorkspace.dll"), .. args])
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return new CommandRun(process.ExitCode, await output, await error);
    }

    private static async Task MigrateAsync(string database)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        await using (var db = new WorkspaceDbContext(new DbContextOptionsBuilder<WorkspaceDbContext>().UseSqlite($"Data Source={database}").Options))
        {
            await db.Database.MigrateAsync();
        }
        // A pooled connection of this test process would rightly count as "in use".
        SqliteConnection.ClearAllPools();
    }

    private static Dictionary<string, string> Snapshot(string folder) =>
        Directory.GetFiles(folder).ToDictionary(f => Path.GetFileName(f), f => Sha256(f));

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private static void Overwrite(string path, long offset, int count)
    {
        using var file = File.OpenWrite(path);
        file.Position = offset;
        file.Write(Enumerable.Repeat((byte)0xA5, count).ToArray());
    }

    private static void Truncate(string path)
    {
        using var file = File.OpenWrite(path);
        file.SetLength(file.Length / 2);
    }

    /// <summary>Makes the manifest agree with a changed file, as a careless copy tool might.</summary>
    private static void Rehash(string backup, string name)
    {
        var manifestPath = Path.Combine(backup, "manifest.json");
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(manifestPath))!;
        var entry = manifest["files"]!.AsArray().Single(f => (string?)f!["path"] == name)!;
        entry["bytes"] = new FileInfo(Path.Combine(backup, name)).Length;
        entry["sha256"] = Sha256(Path.Combine(backup, name));
        File.WriteAllText(manifestPath, manifest.ToJsonString());
    }

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
