using System.Collections.Immutable;
using NeuroCompiler.Core.Text;

namespace NeuroCompiler.Targets.Configuration;

/// <summary>Where a tile file says what (the tile, its neurons, each row), for problems found only when the whole configuration is read.</summary>
internal sealed record TileSpans(SourceText Text, TextSpan Tile, TextSpan Neurons, ImmutableArray<TextSpan> Rows);
