using MudBlazor;

namespace AgentWorkspace.Features.Queue;

public static class ChannelIcons
{
    public static string For(Channel channel) => channel switch
    {
        Channel.Phone => Icons.Material.Filled.Phone,
        Channel.Email => Icons.Material.Filled.Email,
        Channel.Chat => Icons.Material.Filled.Chat,
        Channel.Social => Icons.Material.Filled.Forum,
        Channel.InPerson => Icons.Material.Filled.Storefront,
        _ => Icons.Material.Filled.HelpCenter,
    };
}
