using System.Diagnostics;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using AgentWorkspace.Tests.Architecture;

namespace AgentWorkspace.Tests.Infrastructure;

/// <summary>
/// A real nginx in front of the nodes, running the README's example as written
/// (<c>docs/nginx/agentworkspace.conf</c>): only the example's node addresses and its TLS listen
/// line are swapped for loopback ones. Its access log records which node served each request.
/// </summary>
public sealed partial class NginxProxy : IAsyncDisposable
{
    public const string MissingHint = "install Debian's package with 'apt-get install -y nginx'";

    private readonly string _folder;
    private readonly Process _process;

    private NginxProxy(string folder, Process process, Uri address)
    {
        _folder = folder;
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static string ExamplePath => Path.Combine(FeatureDependencyTests.RepositoryRoot(), "docs", "nginx", "agentworkspace.conf");

    public static string? WhyNot() => ClusterServices.Which("nginx") is null ? $"nginx not found: {MissingHint}." : null;

    /// <summary>The example with its two node addresses replaced by <paramref name="nodes"/> and plain HTTP on <paramref name="port"/>.</summary>
    public static string Site(string example, IReadOnlyList<Uri> nodes, int port)
    {
        var next = 0;
        var site = ExampleNode().Replace(example, _ => next < nodes.Count
            ? $"server 127.0.0.1:{nodes[next++].Port}"
            : throw new InvalidOperationException($"The nginx example names more nodes than the test's {nodes.Count}."));
        if (next != nodes.Count)
        {
            throw new InvalidOperationException($"The nginx example names {next} nodes, the test has {nodes.Count}.");
        }
        site = site.Replace("listen 443 ssl;", $"listen 127.0.0.1:{port};", StringComparison.Ordinal);
        return TlsFile().Replace(site, "");
    }

    public static async Task<NginxProxy> StartAsync(IReadOnlyList<Uri> nodes)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"aw-nginx-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var port = ClusterServices.FreePort();
        var site = Site(await File.ReadAllTextAsync(ExamplePath), nodes, port);
        var temp = string.Join('\n', new[] { "client_body", "proxy", "fastcgi", "uwsgi", "scgi" }.Select(t => $"    {t}_temp_path {folder}/{t};"));
        await File.WriteAllTextAsync(Path.Combine(folder, "nginx.conf"), $$"""
            daemon off;
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            {{(Environment.UserName == "root" ? "user root;" : "")}}
            events { worker_connections 1024; }
            http {
                log_format node '$upstream_addr|$status|$request_method|$request_uri';
                access_log {{folder}}/access.log node;
            {{temp}}
            {{site}}
            }
            """);
        var process = Process.Start(new ProcessStartInfo(ClusterServices.Which("nginx")!, ["-p", folder, "-c", Path.Combine(folder, "nginx.conf")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var proxy = new NginxProxy(folder, process, new Uri($"http://127.0.0.1:{port}"));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return proxy;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100);
            }
            catch (SocketException)
            {
                var errors = File.Exists(Path.Combine(folder, "error.log")) ? await File.ReadAllTextAsync(Path.Combine(folder, "error.log")) : "";
                await proxy.DisposeAsync();
                throw new InvalidOperationException($"nginx did not start: {await process.StandardError.ReadToEndAsync()}{errors}");
            }
        }
    }

    /// <summary>
    /// The access log so far: which node served which request (the last address nginx tried, as
    /// address:port). nginx writes a line when a request ends, so an open WebSocket is not there yet.
    /// </summary>
    public IReadOnlyList<(string Node, int Status, string Method, string Uri)> Served()
    {
        var path = Path.Combine(_folder, "access.log");
        if (!File.Exists(path))
        {
            return [];
        }
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return [.. reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split('|', 4))
            .Where(p => p.Length == 4)
            .Select(p => (p[0].Split(", ")[^1], int.TryParse(p[1], out var s) ? s : 0, p[2], p[3]))];
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [GeneratedRegex(@"server 10\.0\.0\.\d+:8080")]
    private static partial Regex ExampleNode();

    [GeneratedRegex(@"^\s*ssl_certificate(_key)?\s.*\n", RegexOptions.Multiline)]
    private static partial Regex TlsFile();
}
