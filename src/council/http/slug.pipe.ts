import { Injectable, PipeTransform } from '@nestjs/common';
import { ProblemException } from '../../api/problem-details.filter';
import { problem } from '../../api/problem';
import { SLUG } from './slug';

/** Path ids must be slugs; anything else cannot name a council, member, meeting or motion. */
@Injectable()
export class SlugPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (typeof value === 'string' && SLUG.test(value)) return value;
    throw new ProblemException(
      problem(404, 'not-found', 'Not found', `${JSON.stringify(String(value).slice(0, 100))} is not a valid id (lowercase letters, digits and hyphens).`),
    );
  }
}
