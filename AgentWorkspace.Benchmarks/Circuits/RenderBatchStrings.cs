using System.Buffers.Binary;
using System.Text;

namespace AgentWorkspace.Benchmarks.Circuits;

/// <summary>
/// Reads the string table of a Blazor Server render batch (the binary format blazor.web.js reads in
/// OutOfProcessRenderBatch): the batch ends with five int32 offsets, the last one the start of the
/// string table, an array of int32 positions of LEB128-length-prefixed UTF-8 strings. Every text
/// and attribute value a batch adds or changes is in that table, so a client can tell what a render
/// showed without building a DOM.
/// </summary>
public static class RenderBatchStrings
{
    public static bool Contains(ReadOnlySpan<byte> batch, string value)
    {
        var wanted = Encoding.UTF8.GetBytes(value);
        foreach (var range in Ranges(batch))
        {
            if (batch.Slice(range.Start, range.Length).SequenceEqual(wanted))
            {
                return true;
            }
        }
        return false;
    }

    public static List<string> All(ReadOnlySpan<byte> batch)
    {
        var strings = new List<string>();
        foreach (var range in Ranges(batch))
        {
            strings.Add(Encoding.UTF8.GetString(batch.Slice(range.Start, range.Length)));
        }
        return strings;
    }

    private static List<(int Start, int Length)> Ranges(ReadOnlySpan<byte> batch)
    {
        var ranges = new List<(int, int)>();
        if (batch.Length < 20)
        {
            return ranges;
        }
        var tableStart = BinaryPrimitives.ReadInt32LittleEndian(batch[^4..]);
        var tableEnd = batch.Length - 20;
        if (tableStart < 0 || tableStart > tableEnd)
        {
            throw new InvalidDataException($"Not a render batch: string table at {tableStart} of {batch.Length} bytes.");
        }
        for (var entry = tableStart; entry + 4 <= tableEnd; entry += 4)
        {
            var position = BinaryPrimitives.ReadInt32LittleEndian(batch[entry..]);
            var (length, prefix) = ReadLeb128(batch, position);
            ranges.Add((position + prefix, length));
        }
        return ranges;
    }

    private static (int Value, int Bytes) ReadLeb128(ReadOnlySpan<byte> data, int position)
    {
        var result = 0;
        for (var i = 0; i < 5; i++)
        {
            var b = data[position + i];
            result |= (b & 0x7F) << (7 * i);
            if (b < 0x80)
            {
                return (result, i + 1);
            }
        }
        throw new InvalidDataException("Bad string length in a render batch.");
    }
}
