using System.Net;
using AgentWorkspace.Tests.Infrastructure;

namespace AgentWorkspace.Tests.Features.WallBoard;

public sealed class WallBoardAccessTests(SharedApp app)
{
    [Theory]
    [InlineData("/wallboard")]
    [InlineData("/reports")]
    [InlineData("/reports/export.csv")]
    [InlineData("/reports/weekly")]
    [InlineData("/escalations")]
    [InlineData("/settings/sla")]
    public async Task Agent_gets_403_on_supervisor_pages(string path)
    {
        using var agent = await app.SignInAsync("agent1");
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Supervisor_opens_the_board_and_exports_the_report_as_utf8_csv()
    {
        using var lijie = await app.SignInAsync("lijie");
        var board = await lijie.GetAsync("/wallboard");
        Assert.Equal(HttpStatusCode.OK, board.StatusCode);
        Assert.Contains("data-testid=\"tile-unclaimed\"", await board.Content.ReadAsStringAsync());

        var csv = await lijie.GetAsync("/reports/export.csv?from=2026-11-01&to=2026-11-07&channel=Chat");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var bad = await lijie.GetAsync("/reports/export.csv?from=2026-11-07&to=2026-11-01");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }
}
