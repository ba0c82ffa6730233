using MudBlazor;

namespace AgentWorkspace.Components.Layout;

public static class WorkspaceTheme
{
    private static readonly string[] Fonts = ["Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "Roboto", "sans-serif"];

    public static readonly MudTheme Light = new()
    {
        PaletteLight = new PaletteLight { Primary = "#1f5fbf", AppbarBackground = "#1f3b63", Secondary = "#e07a1f" },
        Typography = new Typography { Default = new DefaultTypography { FontFamily = Fonts } },
    };

    public static readonly MudTheme Board = new()
    {
        PaletteDark = new PaletteDark { Background = "#0e1420", Surface = "#172033", Primary = "#4da3ff" },
        Typography = new Typography { Default = new DefaultTypography { FontFamily = Fonts } },
    };
}
