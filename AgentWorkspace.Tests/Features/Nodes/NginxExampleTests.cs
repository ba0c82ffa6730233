using AgentWorkspace.Tests.Architecture;
using AgentWorkspace.Tests.Infrastructure;

namespace AgentWorkspace.Tests.Features.Nodes;

/// <summary>The README shows the nginx example the two-node test runs, and the test swaps only addresses.</summary>
public sealed class NginxExampleTests
{
    [Fact]
    public void The_readme_shows_the_example_file_the_two_node_test_runs()
    {
        var readme = File.ReadAllText(Path.Combine(FeatureDependencyTests.RepositoryRoot(), "README.md"));
        Assert.Contains("```nginx\n" + File.ReadAllText(NginxProxy.ExamplePath) + "```", readme);
    }

    [Fact]
    public void The_test_runs_the_example_with_only_the_node_addresses_and_the_listen_line_swapped()
    {
        var example = File.ReadAllText(NginxProxy.ExamplePath);

        var site = NginxProxy.Site(example, [new Uri("http://127.0.0.1:5001"), new Uri("http://127.0.0.1:5002")], 8443);

        Assert.Contains("server 127.0.0.1:5001 max_fails=1 fail_timeout=5s;", site);
        Assert.Contains("server 127.0.0.1:5002 max_fails=1 fail_timeout=5s;", site);
        Assert.Contains("listen 127.0.0.1:8443;", site);
        Assert.DoesNotContain("10.0.0.", site);
        Assert.DoesNotContain("ssl", site);
        // Everything that makes it work for Blazor stays as the README shows it.
        foreach (var line in new[] { "hash $remote_addr consistent;", "proxy_set_header Upgrade $http_upgrade;", "proxy_read_timeout 1h;" })
        {
            Assert.Contains(line, site);
        }
        Assert.Throws<InvalidOperationException>(() => NginxProxy.Site(example, [new Uri("http://127.0.0.1:5001")], 8443));
    }
}
