import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// What a thread answers, documented for clients and checked by the API document spec.

export class FeedbackTargetResponse {
  @ApiProperty({ enum: ['check-in', 'blocker', 'insight'] }) kind!: string;
  @ApiProperty({ format: 'uuid' }) objectiveId!: string;
  @ApiPropertyOptional({ format: 'uuid', description: "A check-in's, or a blocker's on one" })
  keyResultId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) checkInId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) blockerId?: string;
  @ApiPropertyOptional({ description: "An insight's guild" }) guildId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) insightId?: string;
}

/** Who gave each reaction; a reaction nobody gives is left out. */
export class ReactionsResponse {
  @ApiPropertyOptional({ type: [String], description: '👍: who gave it' })
  'thumbs-up'?: string[];
  @ApiPropertyOptional({ type: [String], description: '🎉' }) celebrate?: string[];
  @ApiPropertyOptional({ type: [String], description: '👀' }) eyes?: string[];
  @ApiPropertyOptional({ type: [String], description: '🙏' }) thanks?: string[];
}

export class CommentResponse {
  @ApiProperty() commentId!: string;
  @ApiProperty({ description: 'A deleted comment is a tombstone: no author, text or reactions' })
  deleted!: boolean;
  @ApiPropertyOptional() authorId?: string;
  @ApiPropertyOptional() text?: string;
  @ApiProperty({ format: 'date-time' }) postedAt!: string;
  @ApiPropertyOptional({ format: 'date-time' }) editedAt?: string;
  @ApiPropertyOptional({ format: 'date-time' }) deletedAt?: string;
  @ApiPropertyOptional({ type: ReactionsResponse }) reactions?: ReactionsResponse;
}

export class ThreadResponse {
  @ApiProperty({ type: FeedbackTargetResponse }) target!: FeedbackTargetResponse;
  @ApiProperty({ type: ReactionsResponse, description: 'Reactions to the target itself' })
  reactions!: ReactionsResponse;
  @ApiProperty({ type: [CommentResponse], description: 'In the order they were posted' })
  comments!: CommentResponse[];
}
