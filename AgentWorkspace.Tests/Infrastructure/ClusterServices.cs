using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AgentWorkspace.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL (initdb into a temporary folder, pg_ctl on a free loopback port) and a real
/// redis-server on a free port, for the several-nodes test and the benchmarks. PostgreSQL refuses to
/// run as root, so where the runner is root it runs as the <c>postgres</c> user the Debian package
/// creates. Nothing is left behind: both stop and the folder goes on dispose.
/// </summary>
public sealed class ClusterServices : IAsyncDisposable
{
    public const string MissingHint = "install Debian's packages with 'apt-get install -y postgresql redis-server'";

    private readonly string _folder;
    private readonly string _pgBin;
    private readonly bool _asPostgresUser;
    private Process? _redis;
    private bool _postgresStarted;

    private ClusterServices(string folder, string pgBin, bool asPostgresUser)
    {
        _folder = folder;
        _pgBin = pgBin;
        _asPostgresUser = asPostgresUser;
    }

    public int PostgresPort { get; private set; }
    public int RedisPort { get; private set; }

    /// <summary>The connection string for a database on this server (created by the app if missing).</summary>
    public string Database(string name) => $"Host=127.0.0.1;Port={PostgresPort};Username=postgres;Database={name};Maximum Pool Size=40";

    public string Redis => $"127.0.0.1:{RedisPort}";

    /// <summary>A client tool of the running server's own version (pg_dump, pg_restore, createdb).</summary>
    public string PostgresTool(string name) => Path.Combine(_pgBin, name);

    /// <summary>Why the services cannot run here (binaries missing), or null.</summary>
    public static string? WhyNot()
    {
        var missing = new List<string>();
        if (FindPostgresBin() is null)
        {
            missing.Add("PostgreSQL (initdb, pg_ctl)");
        }
        if (Which("redis-server") is null)
        {
            missing.Add("redis-server");
        }
        if (missing.Count == 0 && Environment.UserName == "root" && !UserExists("postgres"))
        {
            missing.Add("the postgres user (PostgreSQL will not run as root)");
        }
        return missing.Count == 0 ? null : $"{string.Join(" and ", missing)} not found: {MissingHint}.";
    }

    public static async Task<ClusterServices> StartAsync()
    {
        if (WhyNot() is { } reason)
        {
            throw new InvalidOperationException(reason);
        }
        var folder = Path.Combine(Path.GetTempPath(), $"aw-cluster-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var root = Environment.UserName == "root";
        var services = new ClusterServices(folder, FindPostgresBin()!, root);
        try
        {
            if (root)
            {
                await Run("chown", ["-R", "postgres", folder]);
            }
            await services.StartPostgresAsync();
            await services.StartRedisAsync();
            return services;
        }
        catch
        {
            await services.DisposeAsync();
            throw;
        }
    }

    private async Task StartPostgresAsync()
    {
        var data = Path.Combine(_folder, "data");
        await RunPg("initdb", ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
        // The port is free when chosen; another process may take it before postgres binds, so retry.
        for (var attempt = 1; ; attempt++)
        {
            PostgresPort = FreePort();
            try
            {
                // Durability is not under test; fsync off keeps two cores free for the apps.
                await RunPg("pg_ctl", ["-D", data, "-l", Path.Combine(_folder, "postgres.log"), "-w", "-t", "60", "-o",
                    $"-p {PostgresPort} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300", "start"]);
                _postgresStarted = true;
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
            }
        }
    }

    private async Task StartRedisAsync()
    {
        RedisPort = FreePort();
        var start = new ProcessStartInfo(Which("redis-server")!, ["--port", RedisPort.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", _folder])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _redis = Process.Start(start)!;
        _redis.OutputDataReceived += (_, _) => { };
        _redis.ErrorDataReceived += (_, _) => { };
        _redis.BeginOutputReadLine();
        _redis.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync(IPAddress.Loopback, RedisPort);
                var stream = tcp.GetStream();
                await stream.WriteAsync(Encoding.ASCII.GetBytes("PING\r\n"));
                var buffer = new byte[16];
                var read = await stream.ReadAsync(buffer);
                if (Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (SocketException)
            {
            }
            if (_redis.HasExited)
            {
                throw new InvalidOperationException($"redis-server exited with {_redis.ExitCode}");
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("redis-server did not answer PING within 20 s.");
    }

    private Task RunPg(string tool, string[] args) => _asPostgresUser
        ? Run("runuser", ["-u", "postgres", "--", Path.Combine(_pgBin, tool), .. args])
        : Run(Path.Combine(_pgBin, tool), args);

    private static async Task Run(string file, string[] args)
    {
        var start = new ProcessStartInfo(file, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}:\n{await output}\n{await error}");
        }
    }

    private static string? FindPostgresBin()
    {
        // Debian keeps the server binaries off PATH, one folder per major version; else PATH.
        const string debian = "/usr/lib/postgresql";
        var packaged = Directory.Exists(debian)
            ? Directory.GetDirectories(debian)
                .Select(d => Path.Combine(d, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "pg_ctl")) && File.Exists(Path.Combine(b, "initdb")))
                .OrderByDescending(b => int.TryParse(Path.GetFileName(Path.GetDirectoryName(b)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return packaged ?? (Which("pg_ctl") is { } onPath && File.Exists(Path.Combine(Path.GetDirectoryName(onPath)!, "initdb"))
            ? Path.GetDirectoryName(onPath)
            : null);
    }

    internal static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':')
            .Append("/usr/sbin").Append("/usr/bin")
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    private static bool UserExists(string name) =>
        File.Exists("/etc/passwd") && File.ReadLines("/etc/passwd").Any(l => l.StartsWith(name + ":", StringComparison.Ordinal));

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_redis is { HasExited: false })
        {
            _redis.Kill(entireProcessTree: true);
            await _redis.WaitForExitAsync();
        }
        _redis?.Dispose();
        if (_postgresStarted)
        {
            try
            {
                await RunPg("pg_ctl", ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop"]);
            }
            catch (InvalidOperationException)
            {
            }
        }
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
