namespace SalesPlatform.AppHost;

/// <summary>Writes every process's lines with a coloured name prefix, one line at a time.</summary>
public sealed class ConsoleLog
{
    private static readonly ConsoleColor[] Palette =
    [
        ConsoleColor.Cyan, ConsoleColor.Magenta, ConsoleColor.Green, ConsoleColor.Yellow,
        ConsoleColor.Blue, ConsoleColor.DarkCyan, ConsoleColor.DarkMagenta, ConsoleColor.DarkGreen,
    ];

    private readonly Dictionary<string, ConsoleColor> colours = [];
    private readonly Lock gate = new();

    /// <summary>A line of a process's output.</summary>
    public void Line(string source, string text)
    {
        lock (gate)
        {
            if (!colours.TryGetValue(source, out var colour))
            {
                colour = Palette[colours.Count % Palette.Length];
                colours[source] = colour;
            }

            Console.ForegroundColor = colour;
            Console.Write($"{source,-18}| ");
            Console.ResetColor();
            Console.WriteLine(text);
        }
    }

    /// <summary>A line from the AppHost itself about <paramref name="source"/>.</summary>
    public void Event(string source, string text, ConsoleColor colour = ConsoleColor.White)
    {
        lock (gate)
        {
            Console.ForegroundColor = colour;
            Console.WriteLine($"{"apphost",-18}| {source}: {text}");
            Console.ResetColor();
        }
    }

    /// <summary>Prints a block of text (the resource table) without interleaving.</summary>
    public void Block(string text)
    {
        lock (gate)
        {
            Console.WriteLine(text);
        }
    }
}
