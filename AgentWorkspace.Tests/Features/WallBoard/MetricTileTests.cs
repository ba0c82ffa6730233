using AgentWorkspace.Features.WallBoard;
using AgentWorkspace.Tests.Infrastructure;
using Bunit;

namespace AgentWorkspace.Tests.Features.WallBoard;

public sealed class MetricTileTests : ComponentTest
{
    [Theory]
    [InlineData(0.93, "tile-good")]
    [InlineData(0.81, "tile-bad")]
    [InlineData(null, "tile-nodata")]
    public void Compliance_tile_is_green_at_or_above_90_percent_and_red_below(double? compliance, string expectedClass)
    {
        var cut = RenderInteractive<MetricTile>(p => p
            .Add(x => x.TestId, "tile-compliance")
            .Add(x => x.Label, "响应达标率")
            .Add(x => x.Value, compliance?.ToString("P0") ?? "—")
            .Add(x => x.State, Targets.AtLeast(compliance, 0.90)));

        var tile = cut.Find("[data-testid=tile-compliance]");
        Assert.Contains(expectedClass, tile.ClassList);
        Assert.Equal(compliance?.ToString("P0") ?? "—", tile.QuerySelector(".tile-value")!.TextContent);
    }

    [Fact]
    public void Escalation_rate_tile_is_red_above_five_percent()
    {
        var cut = RenderInteractive<MetricTile>(p => p
            .Add(x => x.TestId, "tile-escalation-rate")
            .Add(x => x.Label, "升级率")
            .Add(x => x.Value, "8%")
            .Add(x => x.State, Targets.AtMost(0.08, 0.05)));
        Assert.Contains("tile-bad", cut.Find("[data-testid=tile-escalation-rate]").ClassList);
    }
}
